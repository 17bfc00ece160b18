# The register's declared relationships were kept by Member Enquiries until the register became an
# app of its own. Their table and rows stay where they are: this migration only tells Django's state
# that the model is the register's now. The table itself is created by the enquiries migrations and
# given the register's name by ``enquiries.0006_declaredrelationship_to_register``, which depends on
# this one, so the register's migrations never depend on a workflow above it.

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('directory', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='DeclaredRelationship',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('nature', models.CharField(choices=[('family', 'Family'), ('partner', 'Partner'), ('business', 'Business'), ('close_friendship', 'Close friendship'), ('other', 'Other')], max_length=20)),
                        ('details', models.TextField(blank=True)),
                        ('declared_on', models.DateField(default=django.utils.timezone.localdate)),
                        ('ended_on', models.DateField(blank=True, null=True)),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='directory.member')),
                        ('officer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='directory.officer')),
                    ],
                    options={
                        'ordering': ['-declared_on'],
                        'indexes': [models.Index(fields=['member', 'officer'], name='register_de_member__78728f_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]

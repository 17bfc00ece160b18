# The reference counter was kept by Member Enquiries until casework became an app of its own. Its table
# and rows stay where they are: this migration only tells Django's state that the model is casework's
# now. The table itself is created by the enquiries migrations and given casework's name by
# ``enquiries.0008_referencecounter_to_casework``, which depends on this one, so casework's migrations
# never depend on a workflow above it.

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = []

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ReferenceCounter',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('series', models.CharField(max_length=10)),
                        ('year', models.PositiveSmallIntegerField()),
                        ('last', models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        'constraints': [models.UniqueConstraint(fields=('series', 'year'), name='reference_counter_unique')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]

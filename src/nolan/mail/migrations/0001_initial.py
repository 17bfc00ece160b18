# The outbox was kept by Member Enquiries until mail became an app of its own. Its table and rows stay
# where they are (``db_table``): this migration only tells Django's state that the model is mail's
# now. The table is created by the enquiries migrations, which give it the columns below and take the
# model out of their state in ``enquiries.0007_outbox_to_mail``; that migration depends on this one,
# so mail's migrations never depend on a workflow above it.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = []

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='OutboxMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('dedupe_key', models.CharField(max_length=200, unique=True)),
                        ('kind', models.CharField(max_length=40)),
                        ('reference', models.CharField(blank=True, max_length=40)),
                        ('from_email', models.CharField(blank=True, help_text='Blank: DEFAULT_FROM_EMAIL.', max_length=320)),
                        ('to', models.JSONField(help_text='[{"name": ..., "email": ...}]')),
                        ('cc', models.JSONField(blank=True, default=list, help_text='[{"name": ..., "email": ..., "why": ...}]')),
                        ('reply_to', models.JSONField(blank=True, default=list, help_text='["address", ...]')),
                        ('subject', models.CharField(max_length=300)),
                        ('body', models.TextField()),
                        ('alternatives', models.JSONField(blank=True, default=list, help_text='[["<p>...</p>", "text/html"]]')),
                        ('urgent', models.BooleanField(default=False)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('not_before', models.DateTimeField(help_text='Not sent before this time (working hours).')),
                        ('not_before_reason', models.TextField(blank=True)),
                        ('next_attempt_at', models.DateTimeField()),
                        ('claimed_until', models.DateTimeField(blank=True, null=True)),
                        ('claim_token', models.CharField(blank=True, max_length=32)),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('last_error', models.TextField(blank=True)),
                        ('sent_at', models.DateTimeField(blank=True, null=True)),
                        ('failed_at', models.DateTimeField(blank=True, help_text='Set when the dispatcher gives up; the row stays for review.', null=True)),
                    ],
                    options={
                        'db_table': 'enquiries_outboxmessage',
                        'ordering': ['next_attempt_at', 'id'],
                        'indexes': [models.Index(fields=['sent_at', 'failed_at', 'next_attempt_at'], name='outbox_due')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]

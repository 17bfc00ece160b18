# The outbox moves to mail (``nolan.mail``) with its rows; its table keeps its name (mail's model says
# ``db_table``), so nothing is copied. Before the model leaves Member Enquiries' state:
#
# - the outbox gains what mail keeps for every message: the reference of the case it is about (for its
#   header), and for Django's own mail who it is from, who to reply to and any other form of its text;
# - which enquiry a message is about moves from the outbox's ``enquiry`` column to a table of
#   Member Enquiries' own (``EnquiryMessage``), one row per message, so the outbox names no workflow;
#   each message keeps its enquiry's reference.
#
# Then the foreign keys to the outbox point at mail's model (in the state only: the table is the same),
# and its content type goes to mail, so the administration's history of a message still finds it.

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

MODEL = 'outboxmessage'


def link_messages(apps, schema_editor):
    db = schema_editor.connection.alias
    outbox = apps.get_model('enquiries', 'OutboxMessage').objects.using(db)
    enquiries = apps.get_model('enquiries', 'Enquiry').objects.using(db)
    link = apps.get_model('enquiries', 'EnquiryMessage')
    about = outbox.filter(enquiry__isnull=False)
    about.update(reference=Subquery(enquiries.filter(pk=OuterRef('enquiry_id')).values('reference')[:1]))
    rows = about.order_by('pk').values_list('pk', 'enquiry_id')
    link.objects.using(db).bulk_create(
        (link(message_id=pk, enquiry_id=enquiry_id) for pk, enquiry_id in rows.iterator()), batch_size=1000
    )


def unlink_messages(apps, schema_editor):
    db = schema_editor.connection.alias
    outbox = apps.get_model('enquiries', 'OutboxMessage').objects.using(db)
    link = apps.get_model('enquiries', 'EnquiryMessage').objects.using(db)
    for message_id, enquiry_id in link.values_list('message_id', 'enquiry_id').iterator():
        outbox.filter(pk=message_id).update(enquiry_id=enquiry_id)


def _move_content_type(apps, schema_editor, old, new):
    types = apps.get_model('contenttypes', 'ContentType').objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=new, model=MODEL).exists():
        types.filter(app_label=old, model=MODEL).update(app_label=new)


def to_mail(apps, schema_editor):
    _move_content_type(apps, schema_editor, 'enquiries', 'mail')


def back_to_enquiries(apps, schema_editor):
    _move_content_type(apps, schema_editor, 'mail', 'enquiries')


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('enquiries', '0006_declaredrelationship_to_register'),
        ('mail', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='outboxmessage',
            name='reference',
            field=models.CharField(blank=True, default='', max_length=40),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='outboxmessage',
            name='from_email',
            field=models.CharField(blank=True, default='', help_text='Blank: DEFAULT_FROM_EMAIL.', max_length=320),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='outboxmessage',
            name='reply_to',
            field=models.JSONField(blank=True, default=list, help_text='["address", ...]'),
        ),
        migrations.AddField(
            model_name='outboxmessage',
            name='alternatives',
            field=models.JSONField(blank=True, default=list, help_text='[["<p>...</p>", "text/html"]]'),
        ),
        migrations.CreateModel(
            name='EnquiryMessage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('enquiry', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='enquiries.enquiry')),
                ('message', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='enquiries.outboxmessage')),
            ],
            options={
                'indexes': [models.Index(fields=['enquiry', 'message'], name='enquiry_message')],
            },
        ),
        migrations.RunPython(link_messages, unlink_messages),
        migrations.RemoveIndex(model_name='outboxmessage', name='outbox_enquiry'),
        migrations.RemoveField(model_name='outboxmessage', name='enquiry'),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='chase',
                    name='message',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='chases', to='mail.outboxmessage'),
                ),
                migrations.AlterField(
                    model_name='enquirymessage',
                    name='message',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='mail.outboxmessage'),
                ),
                migrations.DeleteModel(name='OutboxMessage'),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name='enquiry',
            name='messages',
            field=models.ManyToManyField(related_name='enquiries', related_query_name='enquiry', through='enquiries.EnquiryMessage', to='mail.outboxmessage'),
        ),
        migrations.RunPython(to_mail, back_to_enquiries),
    ]

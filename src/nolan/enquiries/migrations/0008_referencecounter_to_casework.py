# The reference counter moves to casework (``nolan.casework``) with its rows, so every workflow's
# series counts in one table. The table is renamed, not copied: on PostgreSQL and SQLite alike the
# rename changes only the database's catalogue, in this migration's transaction, and every row keeps
# its id and its last number (the unique constraint on series and year keeps its name). The model
# leaves Member Enquiries' state only: ``casework.0001_initial`` has already taken it in. Its content
# type goes with it.

from django.db import migrations

MODEL = 'referencecounter'


def _move_content_type(apps, schema_editor, old, new):
    types = apps.get_model('contenttypes', 'ContentType').objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=new, model=MODEL).exists():
        types.filter(app_label=old, model=MODEL).update(app_label=new)


def to_casework(apps, schema_editor):
    _move_content_type(apps, schema_editor, 'enquiries', 'casework')


def back_to_enquiries(apps, schema_editor):
    _move_content_type(apps, schema_editor, 'casework', 'enquiries')


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('enquiries', '0007_outbox_to_mail'),
        ('casework', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name='ReferenceCounter', table='casework_referencecounter'),
            ],
            state_operations=[migrations.DeleteModel(name='ReferenceCounter')],
        ),
        migrations.RunPython(to_casework, back_to_enquiries),
    ]

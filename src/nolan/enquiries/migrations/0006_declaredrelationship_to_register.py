# Declared relationships move to the register (``nolan.register``) with their rows. The table is
# renamed, not copied: on PostgreSQL and SQLite alike the rename changes only the database's catalogue,
# in this migration's transaction, and every row keeps its id (on PostgreSQL new ids go on from the
# same sequence). Its index is renamed too (on SQLite, which cannot rename an index, made again under
# the new name). The model leaves Member Enquiries' state only: ``register.0001_initial`` has already
# taken it in. Its content type goes with it, so the administration's history of each declaration
# (and any permission granted on them) still finds it.

from django.db import migrations

MODEL = 'declaredrelationship'


def _move_content_type(apps, schema_editor, old, new):
    types = apps.get_model('contenttypes', 'ContentType').objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=new, model=MODEL).exists():
        types.filter(app_label=old, model=MODEL).update(app_label=new)


def to_register(apps, schema_editor):
    _move_content_type(apps, schema_editor, 'enquiries', 'register')


def back_to_enquiries(apps, schema_editor):
    _move_content_type(apps, schema_editor, 'register', 'enquiries')


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('enquiries', '0005_handed_back'),
        ('register', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name='DeclaredRelationship', table='register_declaredrelationship'),
                migrations.RenameIndex(
                    model_name='DeclaredRelationship',
                    new_name='register_de_member__78728f_idx',
                    old_name='enquiries_d_member__3f9cb9_idx',
                ),
            ],
            state_operations=[migrations.DeleteModel(name='DeclaredRelationship')],
        ),
        migrations.RunPython(to_register, back_to_enquiries),
    ]

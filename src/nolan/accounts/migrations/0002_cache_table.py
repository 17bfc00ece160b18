"""The database cache's table, so that every database Nolan migrates (each test database included)
has the shared cache that settings.CACHES uses by default: allauth's sign-in throttling and its record
of authenticator codes already used live in it. The name is fixed here, as migrations are history;
settings.CACHES names the same table."""

from django.core.management import call_command
from django.db import migrations

TABLE = "nolan_cache"


def create(apps, schema_editor):
    # Django's own command for a database cache's table (it leaves one that exists alone).
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]

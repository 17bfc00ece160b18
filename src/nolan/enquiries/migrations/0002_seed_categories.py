"""The eight categories of the issue's intake form; the council edits the list afterwards."""

from django.db import migrations

CATEGORIES = [
    "Housing repairs",
    "Waste and recycling",
    "Highways",
    "Anti-social behaviour",
    "Parking",
    "Planning",
    "Council tax and benefits",
    "Other",
]


def seed(apps, schema_editor):
    Category = apps.get_model("enquiries", "Category")
    for position, name in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(name=name, defaults={"position": position * 10})


def unseed(apps, schema_editor):
    Category = apps.get_model("enquiries", "Category")
    Category.objects.filter(name__in=CATEGORIES, routing_rules__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("enquiries", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]

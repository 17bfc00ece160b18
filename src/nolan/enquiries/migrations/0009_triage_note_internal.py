"""The triage officer's note moves out of the "Classified" entry's text, which the Member reads, into
the entry's data, which only officers and the team are shown."""

from django.db import migrations

MARK = " Note: "


def forwards(apps, schema_editor):
    EnquiryEvent = apps.get_model("enquiries", "EnquiryEvent")
    for event in EnquiryEvent.objects.filter(kind="classified", text__contains=MARK).iterator():
        text, _, note = event.text.partition(MARK)
        event.text = text
        event.data = {**(event.data or {}), "note": note}
        event.save(update_fields=["text", "data"])


def backwards(apps, schema_editor):
    EnquiryEvent = apps.get_model("enquiries", "EnquiryEvent")
    for event in EnquiryEvent.objects.filter(kind="classified", data__has_key="note").iterator():
        note = event.data.pop("note")
        if note:
            event.text = f"{event.text}{MARK}{note}"
        event.save(update_fields=["text", "data"])


class Migration(migrations.Migration):
    dependencies = [("enquiries", "0008_referencecounter_to_casework")]

    operations = [migrations.RunPython(forwards, backwards)]

"""The audit trail in the system administration pages: read-only, and without case content.

System administrators run Nolan; they are in no enquiry's circle. They see who did what to which
record and when, named by its audit label (a reference, never a subject), but not the before, after,
reason or extra of an event about a confidential record (``AuditEvent.about_confidential_record``):
those show an enquiry's text, its resident and what was searched for.
"""

from django.contrib import admin

from nolan.audit.models import AuditEvent

FIELDS = (
    "occurred_at",
    "actor",
    "actor_label",
    "capacity",
    "action",
    "target_type",
    "target_id",
    "target_label",
    "before",
    "after",
    "reason",
    "extra",
    "prev_hash",
    "hash",
)
CONTENT = ("before", "after", "reason", "extra")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["id", "occurred_at", "actor_label", "capacity", "action", "target_label"]
    list_filter = ["action"]
    search_fields = ["actor_label", "target_label", "action"]
    readonly_fields = (*FIELDS, "details")

    def get_fields(self, request, obj=None):
        if obj is not None and obj.about_confidential_record:
            return [name for name in FIELDS if name not in CONTENT] + ["details"]
        return list(FIELDS)

    @admin.display(description="Details")
    def details(self, obj) -> str:
        return (
            "Not shown here: this event is about a confidential record. Its details are on the "
            "record's own page, for those who may see it."
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

"""The outbox in the system administration pages, read-only, so an administrator can see a message that
could not be sent and why, without its subject, text or recipients (a message's title here is its kind
and number)."""

from __future__ import annotations

from django.contrib import admin

from nolan.mail.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "not_before", "attempts", "sent_at", "failed_at", "last_error")
    list_filter = ("kind",)
    fields = (
        "dedupe_key",
        "kind",
        "created_at",
        "not_before",
        "attempts",
        "sent_at",
        "failed_at",
        "last_error",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

"""The register of close relationships in the system administration pages, until it has pages of its
own. A declaration is recorded and ended here through the services, so both are audited; its details
are written once and never shown here again: they are for the Monitoring Officer and the two people,
not for whoever runs the system."""

from __future__ import annotations

from django.contrib import admin

from nolan.core.forms import CheckedByServiceForm
from nolan.register import services
from nolan.register.models import DeclaredRelationship


class DeclaredRelationshipForm(CheckedByServiceForm):
    def check(self, cleaned_data):
        if not self.instance.pk:
            services.relationship_details(
                nature=cleaned_data.get("nature", ""), details=cleaned_data.get("details", "")
            )


@admin.register(DeclaredRelationship)
class DeclaredRelationshipAdmin(admin.ModelAdmin):
    form = DeclaredRelationshipForm
    list_display = ("member", "officer", "nature", "declared_on", "ended_on")
    list_filter = ("nature",)

    def get_exclude(self, request, obj=None):
        return ("details",) if obj else ()

    def get_readonly_fields(self, request, obj=None):
        return ("member", "officer", "nature", "declared_on") if obj else ()

    def save_model(self, request, obj, form, change):
        if change:
            if obj.ended_on and "ended_on" in form.changed_data:
                services.relationship_end(actor=request.user, relationship=obj, ended_on=obj.ended_on)
            return
        saved = services.relationship_declare(
            actor=request.user,
            member=obj.member,
            officer=obj.officer,
            nature=obj.nature,
            details=obj.details,
            declared_on=obj.declared_on,
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False  # a declaration is ended, never deleted

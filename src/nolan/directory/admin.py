"""The directory in the Django admin, read-only: for support staff to look things up.

Changes are made on the directory pages, through the services, so that each one is checked against
the protocol and recorded on the audit trail. Nothing can be added, changed or deleted here.
"""

from django.contrib import admin

from nolan.directory import models as m


class ReadOnlyAdmin(admin.ModelAdmin):
    list_per_page = 50
    show_full_result_count = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


DATED = ["start", "end"]


@admin.register(m.Council)
class CouncilAdmin(ReadOnlyAdmin):
    list_display = ["name", "protocol_profile", "bank_holiday_region"]


@admin.register(m.Ward)
class WardAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "seats", *DATED]
    search_fields = ["name", "code"]


@admin.register(m.PoliticalGroup)
class PoliticalGroupAdmin(ReadOnlyAdmin):
    list_display = ["name", "short_name", "status", *DATED]
    list_filter = ["status"]
    search_fields = ["name", "short_name"]


@admin.register(m.Member)
class MemberAdmin(ReadOnlyAdmin):
    list_display = ["last_name", "first_name", "email", "kind", *DATED]
    list_filter = ["kind"]
    search_fields = ["first_name", "last_name", "email"]
    raw_id_fields = ["user"]


@admin.register(m.WardMembership)
class WardMembershipAdmin(ReadOnlyAdmin):
    list_display = ["member", "ward", *DATED]
    list_select_related = ["member", "ward"]
    search_fields = ["member__last_name", "member__first_name", "ward__name"]
    raw_id_fields = ["member"]


@admin.register(m.GroupMembership)
class GroupMembershipAdmin(ReadOnlyAdmin):
    list_display = ["member", "group", *DATED]
    list_select_related = ["member", "group"]
    search_fields = ["member__last_name", "member__first_name", "group__name"]
    raw_id_fields = ["member"]


@admin.register(m.GroupOfficeHolding)
class GroupOfficeHoldingAdmin(ReadOnlyAdmin):
    list_display = ["group", "office", "member", *DATED]
    list_select_related = ["member", "group"]
    list_filter = ["office"]
    raw_id_fields = ["member"]


@admin.register(m.MemberRole)
class MemberRoleAdmin(ReadOnlyAdmin):
    list_display = ["member", "kind", "portfolio", *DATED]
    list_select_related = ["member"]
    list_filter = ["kind"]
    search_fields = ["member__last_name", "portfolio"]
    raw_id_fields = ["member"]


@admin.register(m.Committee)
class CommitteeAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "parent", *DATED]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(m.CommitteeMembership)
class CommitteeMembershipAdmin(ReadOnlyAdmin):
    list_display = ["committee", "member", "role", *DATED]
    list_select_related = ["committee", "member"]
    list_filter = ["role"]
    search_fields = ["committee__name", "member__last_name"]
    raw_id_fields = ["member"]


@admin.register(m.Directorate)
class DirectorateAdmin(ReadOnlyAdmin):
    list_display = ["name", *DATED]
    search_fields = ["name"]


@admin.register(m.Service)
class ServiceAdmin(ReadOnlyAdmin):
    list_display = ["name", "directorate", "email", *DATED]
    list_select_related = ["directorate"]
    search_fields = ["name", "email"]


@admin.register(m.Officer)
class OfficerAdmin(ReadOnlyAdmin):
    list_display = ["last_name", "first_name", "email", "employee_number", "employment_type", *DATED]
    list_filter = ["employment_type"]
    search_fields = ["first_name", "last_name", "email", "employee_number"]
    raw_id_fields = ["user"]


@admin.register(m.Post)
class PostAdmin(ReadOnlyAdmin):
    list_display = ["title", "officer", "seniority", "directorate", "service", "line_manager", *DATED]
    list_select_related = ["officer", "directorate", "service", "line_manager"]
    list_filter = ["seniority", "politically_restricted"]
    search_fields = ["title", "officer__last_name", "officer__email"]
    raw_id_fields = ["officer", "line_manager"]


@admin.register(m.StatutoryRole)
class StatutoryRoleAdmin(ReadOnlyAdmin):
    list_display = ["kind", "officer", *DATED]
    list_select_related = ["officer"]
    list_filter = ["kind"]
    raw_id_fields = ["officer"]

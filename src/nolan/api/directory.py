"""The council directory over the API: read-only, every read through ``nolan.directory.selectors``.

Thin views: check the query parameters, call one selector, serialise. The selectors decide who sees
what, so a caller who may not read the directory (a former councillor, an account with no place in
the council) gets an empty page with count 0 on a list and 404 on a detail: never a 403 that would
say the record exists. Lists are paginated; related rows come from the ``current_*`` attributes the
selectors prefetch, so a page costs the same few queries however many rows it holds.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView, RetrieveAPIView

from nolan.api.fields import MAX_ID, id_filter, text_filter
from nolan.api.pagination import Pages
from nolan.directory import models as m
from nolan.directory import selectors

INDEPENDENT = "independent"


def _found(obj, what: str, pk: int):
    if obj is None:
        # The same answer whether the record does not exist or the caller may not see it.
        raise NotFound(f"There is no {what} with id {pk}.")
    return obj


def _checked_id(pk: int, what: str) -> int:
    if pk > MAX_ID:
        raise NotFound(f"There is no {what} with id {pk}.")
    return pk


class DirectoryList(ListAPIView):
    """A paginated list from one selector, filtered by the query parameters in ``FilterSerializer``."""

    pagination_class = Pages
    FilterSerializer: type[serializers.Serializer] | None = None

    def filters(self) -> dict:
        if self.FilterSerializer is None:
            return {}
        serializer = self.FilterSerializer(data=self.request.query_params)
        serializer.is_valid(raise_exception=True)
        return {k: v for k, v in serializer.validated_data.items() if v not in (None, "")}


# Small shapes shared by several endpoints ----------------------------------------------------------


class Reference(serializers.Serializer):
    """Another record, by id and name."""

    id = serializers.IntegerField()
    name = serializers.CharField()


class PersonReference(serializers.Serializer):
    """A person, by id and full name."""

    id = serializers.IntegerField()
    name = serializers.CharField(source="full_name")


class GroupReference(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField()


class MemberReference(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__", help_text="With their title, e.g. Cllr Aisha Rahman.")


class Choice(serializers.Serializer):
    """A coded value and its label in words."""

    value = serializers.CharField()
    label = serializers.CharField()


def _choice(value, label) -> dict:
    return {"value": value, "label": label}


# Wards and political groups ------------------------------------------------------------------------


class WardListApi(DirectoryList):
    """The council's current wards."""

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        name = serializers.CharField()
        code = serializers.CharField(help_text="ONS ward code, if known.")
        seats = serializers.IntegerField()

        class Meta:
            ref_name = "Ward"

    serializer_class = OutputSerializer

    def get_queryset(self):
        return selectors.ward_list(user=self.request.user)


class GroupListApi(DirectoryList):
    """The current political groups, in the order the directory lists them."""

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        name = serializers.CharField()
        short_name = serializers.CharField()
        status = serializers.SerializerMethodField()

        class Meta:
            ref_name = "PoliticalGroup"

        @extend_schema_field(Choice)
        def get_status(self, group: m.PoliticalGroup) -> dict:
            return _choice(group.status, group.get_status_display())

    serializer_class = OutputSerializer

    def get_queryset(self):
        return selectors.group_list(user=self.request.user)


# Members -------------------------------------------------------------------------------------------


class MemberWard(serializers.Serializer):
    id = serializers.IntegerField(source="ward.id")
    name = serializers.CharField(source="ward.name")
    since = serializers.DateField(source="start")


class MemberGroup(serializers.Serializer):
    id = serializers.IntegerField(source="group.id")
    name = serializers.CharField(source="group.name")
    short_name = serializers.CharField(source="group.short_name")
    since = serializers.DateField(source="start")


class MemberRole(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField(source="get_kind_display")
    portfolio = serializers.CharField()
    since = serializers.DateField(source="start")


class MemberGroupOffice(serializers.Serializer):
    office = serializers.CharField()
    label = serializers.CharField(source="get_office_display")
    group = GroupReference()
    since = serializers.DateField(source="start")


class MemberOutput(serializers.Serializer):
    """A Member with their current wards, group, council roles and group offices."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    name = serializers.CharField(source="__str__")
    email = serializers.EmailField()
    phone = serializers.CharField()
    kind = serializers.SerializerMethodField()
    term_start = serializers.DateField(source="start")
    term_end = serializers.DateField(source="end", allow_null=True)
    in_office = serializers.SerializerMethodField()
    wards = MemberWard(many=True, source="current_ward_memberships")
    group = serializers.SerializerMethodField(help_text="The current political group; null if independent.")
    roles = MemberRole(many=True, source="current_roles")
    group_offices = MemberGroupOffice(many=True, source="current_group_offices")

    class Meta:
        ref_name = "Member"

    @extend_schema_field(Choice)
    def get_kind(self, member: m.Member) -> dict:
        return _choice(member.kind, member.get_kind_display())

    def get_in_office(self, member: m.Member) -> bool:
        return member.is_current()

    @extend_schema_field(MemberGroup(allow_null=True))
    def get_group(self, member: m.Member) -> dict | None:
        memberships = member.current_group_memberships
        return MemberGroup(memberships[0]).data if memberships else None


class MemberListApi(DirectoryList):
    """Members in their term of office, by surname."""

    class FilterSerializer(serializers.Serializer):
        ward = id_filter("ward")
        group = serializers.CharField(
            required=False,
            allow_blank=True,
            help_text="A political group's id, or 'independent' for Members in no group.",
        )
        q = text_filter("Words to find in the name or e-mail address.")

        def validate_group(self, value: str) -> int | str | None:
            value = value.strip().lower()
            if not value:
                return None
            if value == INDEPENDENT:
                return INDEPENDENT
            if value.isdigit() and 0 < int(value) <= MAX_ID:
                return int(value)
            raise serializers.ValidationError(
                "Give the political group's id, a whole number such as 3, or 'independent'."
            )

    serializer_class = MemberOutput

    @extend_schema(parameters=[FilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.member_list(user=self.request.user, **self.filters())


class MemberDetailApi(RetrieveAPIView):
    """One Member, including one whose term of office has ended."""

    serializer_class = MemberOutput

    def get_object(self):
        pk = _checked_id(self.kwargs["pk"], "Member")
        return _found(selectors.member_get(user=self.request.user, pk=pk), "Member", pk)


# Committees ----------------------------------------------------------------------------------------


class CommitteeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.SerializerMethodField()
    parent = Reference(allow_null=True, help_text="The committee this is a sub-committee of, if any.")

    class Meta:
        ref_name = "Committee"

    @extend_schema_field(Choice)
    def get_kind(self, committee: m.Committee) -> dict:
        return _choice(committee.kind, committee.get_kind_display())


class CommitteeListApi(DirectoryList):
    """The current committees."""

    serializer_class = CommitteeOutput

    def get_queryset(self):
        return selectors.committee_list(user=self.request.user)


class CommitteeDetailApi(RetrieveAPIView):
    """One committee with its current members (chair first) and sub-committees."""

    class OutputSerializer(CommitteeOutput):
        class Place(serializers.Serializer):
            member = MemberReference()
            role = serializers.CharField()
            role_label = serializers.CharField(source="get_role_display")
            since = serializers.DateField(source="start")

            class Meta:
                ref_name = "CommitteePlace"

        terms_of_reference = serializers.CharField()
        start = serializers.DateField()
        end = serializers.DateField(allow_null=True)
        members = Place(many=True, source="current_memberships")
        sub_committees = Reference(many=True, source="current_sub_committees")

        class Meta:
            ref_name = "CommitteeDetail"

    serializer_class = OutputSerializer

    def get_object(self):
        pk = _checked_id(self.kwargs["pk"], "committee")
        return _found(selectors.committee_get(user=self.request.user, pk=pk), "committee", pk)


# Directorates and services -------------------------------------------------------------------------


class ServiceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.CharField(help_text="The service's shared mailbox, if any.")
    directorate = Reference()

    class Meta:
        ref_name = "Service"


class DirectorateListApi(DirectoryList):
    """The current directorates, each with its current services."""

    class OutputSerializer(serializers.Serializer):
        class DirectorateService(serializers.Serializer):
            id = serializers.IntegerField()
            name = serializers.CharField()
            email = serializers.CharField()

            class Meta:
                ref_name = "DirectorateService"

        id = serializers.IntegerField()
        name = serializers.CharField()
        services = DirectorateService(many=True, source="current_services")

        class Meta:
            ref_name = "Directorate"

    serializer_class = OutputSerializer

    def get_queryset(self):
        return selectors.directorate_list(user=self.request.user)


class ServiceListApi(DirectoryList):
    """The current services, by directorate."""

    class FilterSerializer(serializers.Serializer):
        directorate = id_filter("directorate")

    serializer_class = ServiceOutput

    @extend_schema(parameters=[FilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.service_list(user=self.request.user, **self.filters())


# Officers ------------------------------------------------------------------------------------------


class OfficerPost(serializers.Serializer):
    title = serializers.CharField()
    seniority = serializers.IntegerField(help_text="The higher the number, the more senior.")
    seniority_label = serializers.CharField(source="get_seniority_display")
    directorate = Reference(allow_null=True)
    service = Reference(allow_null=True)
    line_manager = PersonReference(allow_null=True, help_text="Who the post reports to; null at the top.")
    since = serializers.DateField(source="start")

    class Meta:
        ref_name = "OfficerPost"


class OfficerPersonnel(serializers.Serializer):
    """Personnel data: shown to Member Services, HR, system administrators and the officer themselves."""

    employee_number = serializers.CharField()
    employment_type = Choice()
    politically_restricted = serializers.BooleanField(
        allow_null=True, help_text="Whether the current post is politically restricted; null with no post."
    )
    political_assistant_to = Reference(allow_null=True)

    class Meta:
        ref_name = "OfficerPersonnel"


class StatutoryRoleOutput(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField(source="get_kind_display")
    since = serializers.DateField(source="start")

    class Meta:
        ref_name = "StatutoryRole"


def _post(officer: m.Officer) -> m.Post | None:
    """The officer's most senior current post (the selector orders them)."""
    return officer.current_posts[0] if officer.current_posts else None


class OfficerOutput(serializers.Serializer):
    """An officer: the most senior current post, statutory roles and, if the caller may see them,
    the personnel details (otherwise ``personnel`` is null)."""

    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    name = serializers.CharField(source="full_name")
    email = serializers.EmailField()
    phone = serializers.CharField()
    in_post = serializers.SerializerMethodField(help_text="False once the officer has left the council.")
    post = serializers.SerializerMethodField()
    statutory_roles = StatutoryRoleOutput(many=True, source="current_statutory_roles")
    personnel = serializers.SerializerMethodField()

    class Meta:
        ref_name = "Officer"

    def get_in_post(self, officer: m.Officer) -> bool:
        return officer.is_current()

    @extend_schema_field(OfficerPost(allow_null=True))
    def get_post(self, officer: m.Officer) -> dict | None:
        post = _post(officer)
        return OfficerPost(post).data if post else None

    @extend_schema_field(OfficerPersonnel(allow_null=True))
    def get_personnel(self, officer: m.Officer) -> dict | None:
        if not selectors.can_see_personnel_details(self.context["request"].user, officer):
            return None
        post = _post(officer)
        assisting = post.political_assistant_to if post else None
        return {
            "employee_number": officer.employee_number,
            "employment_type": _choice(officer.employment_type, officer.get_employment_type_display()),
            "politically_restricted": post.politically_restricted if post else None,
            "political_assistant_to": {"id": assisting.pk, "name": assisting.name} if assisting else None,
        }


class OfficerListApi(DirectoryList):
    """Officers in post, by surname."""

    class FilterSerializer(serializers.Serializer):
        directorate = id_filter("directorate")
        service = id_filter("service")
        q = text_filter("Words to find in the name, e-mail address or job title.")

    serializer_class = OfficerOutput

    @extend_schema(parameters=[FilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.officer_list(user=self.request.user, **self.filters())


class OfficerDetailApi(RetrieveAPIView):
    """One officer, including one who has left the council."""

    serializer_class = OfficerOutput

    def get_object(self):
        pk = _checked_id(self.kwargs["pk"], "officer")
        return _found(selectors.officer_get(user=self.request.user, pk=pk), "officer", pk)

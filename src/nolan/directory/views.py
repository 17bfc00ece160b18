"""The directory's pages. Thin: parse the request, call one selector or service, render.

Reads go through ``selectors`` (which show nothing to someone with no place in the council, so a
detail they may not see is a 404, not a 403). Changes go through ``services``; a protocol refusal
(``ProtocolError``) is shown with its reasons and citations, and nothing is saved.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from nolan.directory import forms, selectors
from nolan.directory import models as m

PAGE_SIZE = 25


def _found(obj):
    if obj is None:
        raise Http404("Not found")
    return obj


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _elided(page):
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))


# Browsing ----------------------------------------------------------------------------------------


@login_required
def index(request):
    return render(
        request,
        "directory/index.html",
        {
            "can_read": selectors.can_read_directory(request.user),
            "can_maintain": selectors.can_maintain_directory(request.user),
        },
    )


@login_required
def member_list(request):
    filter_form = forms.MemberFilterForm(request.GET or None, user=request.user)
    members = selectors.member_list(user=request.user, **filter_form.filters())
    page = _page(request, members)
    return render(
        request,
        "directory/members/list.html",
        {
            "filter_form": filter_form,
            "page": page,
            "page_range": _elided(page),
            "can_maintain": selectors.can_maintain_directory(request.user),
        },
    )


@login_required
def member_detail(request, pk: int):
    member = _found(selectors.member_get(user=request.user, pk=pk))
    can_maintain = selectors.can_maintain_directory(request.user)
    return render(
        request,
        "directory/members/detail.html",
        {
            "member": member,
            "committee_places": _committee_places(member),
            "history": _member_history(member) if can_maintain else None,
            "can_maintain": can_maintain,
        },
    )


def _committee_places(member: m.Member):
    """The Member's current committee places (``member`` came from a visibility-scoped selector)."""
    return member.committee_memberships.current().select_related("committee").order_by("committee__name")


def _member_history(member: m.Member) -> dict:
    """Every membership, office and role the Member has held, current and past, for Member Services."""
    return {
        "wards": member.ward_memberships.select_related("ward").order_by("-start"),
        "groups": member.group_memberships.select_related("group").order_by("-start"),
        "group_offices": member.group_offices.select_related("group").order_by("-start"),
        "roles": member.roles.order_by("-start"),
        "committees": member.committee_memberships.select_related("committee").order_by("-start"),
    }


@login_required
def ward_list(request):
    wards = list(selectors.ward_list(user=request.user))
    councillors = defaultdict(list)
    for member in selectors.member_list(user=request.user) if wards else ():
        for wm in member.current_ward_memberships:
            councillors[wm.ward_id].append(member)
    return render(
        request,
        "directory/wards/list.html",
        {
            "rows": [(ward, councillors[ward.pk]) for ward in wards],
            "can_maintain": selectors.can_maintain_directory(request.user),
        },
    )


@login_required
def ward_detail(request, pk: int):
    ward = _found(selectors.ward_list(user=request.user).filter(pk=pk).first())
    return render(
        request,
        "directory/wards/detail.html",
        {
            "ward": ward,
            "members": selectors.member_list(user=request.user, ward=ward.pk),
            "can_maintain": selectors.can_maintain_directory(request.user),
        },
    )


@login_required
def group_list(request):
    groups = list(selectors.group_list(user=request.user))
    members_of = defaultdict(list)
    independents = []
    offices = defaultdict(list)
    for member in selectors.member_list(user=request.user) if groups else ():
        for gm in member.current_group_memberships:
            members_of[gm.group_id].append(member)
        if not member.current_group_memberships:
            independents.append(member)
        for held in member.current_group_offices:
            offices[held.group_id].append((held, member))
    return render(
        request,
        "directory/groups/list.html",
        {
            "rows": [(g, len(members_of[g.pk]), sorted(offices[g.pk], key=_office_order)) for g in groups],
            "independents": independents,
            "can_maintain": selectors.can_maintain_directory(request.user),
        },
    )


_OFFICE_ORDER = {office: i for i, office in enumerate(m.GroupOffice.values)}


def _office_order(pair):
    return _OFFICE_ORDER.get(pair[0].office, 99)


@login_required
def group_detail(request, pk: int):
    group = _found(selectors.group_list(user=request.user).filter(pk=pk).first())
    members = list(selectors.member_list(user=request.user, group=group.pk))
    offices = sorted(
        (
            (held, member)
            for member in members
            for held in member.current_group_offices
            if held.group_id == pk
        ),
        key=_office_order,
    )
    return render(
        request,
        "directory/groups/detail.html",
        {
            "group": group,
            "members": members,
            "offices": offices,
            "can_maintain": selectors.can_maintain_directory(request.user),
        },
    )


@login_required
def committee_list(request):
    return render(
        request,
        "directory/committees/list.html",
        {
            "committees": selectors.committee_list(user=request.user),
            "can_maintain": selectors.can_maintain_directory(request.user),
        },
    )


@login_required
def committee_detail(request, pk: int):
    committee = _found(selectors.committee_get(user=request.user, pk=pk))
    by_role = defaultdict(list)
    for place in committee.current_memberships:
        by_role[place.role].append(place.member)
    return render(
        request,
        "directory/committees/detail.html",
        {
            "committee": committee,
            "chairs": by_role[m.CommitteeRole.CHAIR],
            "vice_chairs": by_role[m.CommitteeRole.VICE_CHAIR],
            "places": committee.current_memberships,
            "can_maintain": selectors.can_maintain_directory(request.user),
        },
    )


@login_required
def directorate_list(request):
    return render(
        request,
        "directory/directorates/list.html",
        {
            "directorates": selectors.directorate_list(user=request.user),
            "can_maintain": selectors.can_maintain_directory(request.user),
        },
    )


@login_required
def officer_list(request):
    filter_form = forms.OfficerFilterForm(request.GET or None, user=request.user)
    page = _page(request, selectors.officer_list(user=request.user, **filter_form.filters()))
    return render(
        request,
        "directory/officers/list.html",
        {
            "filter_form": filter_form,
            "page": page,
            "page_range": _elided(page),
            "can_maintain": selectors.can_maintain_directory(request.user),
        },
    )


@login_required
def officer_detail(request, pk: int):
    officer = _found(selectors.officer_get(user=request.user, pk=pk))
    return render(
        request,
        "directory/officers/detail.html",
        {
            "officer": officer,
            "post": officer.current_posts[0] if officer.current_posts else None,
            "direct_reports": _direct_reports(request.user, officer),
            "personnel": selectors.can_see_personnel_details(request.user, officer),
            "can_maintain": selectors.can_maintain_directory(request.user),
        },
    )


def _direct_reports(user, officer: m.Officer):
    """Officers in post whose current post is line-managed by ``officer`` (through the selector)."""
    return selectors.officer_list(user=user).filter(
        posts__in=m.Post.objects.current().filter(line_manager=officer)
    )


@login_required
def statutory_officers(request):
    return render(
        request,
        "directory/statutory_officers.html",
        {
            "roles": selectors.statutory_officers(user=request.user),
            "can_maintain": selectors.can_maintain_directory(request.user),
        },
    )


def _todo(request, pk=None):
    raise Http404


member_add = member_import = member_import_example = member_edit = member_end_term = _todo
member_change_group = member_add_ward = member_group_office = member_role = member_committee = _todo
member_account = ward_add = ward_edit = group_add = group_edit = committee_add = committee_edit = _todo
directorate_add = directorate_edit = service_add = service_edit = officer_add = officer_import = _todo
officer_import_example = officer_edit = officer_new_post = officer_leave = officer_statutory_role = _todo
officer_account = _todo

"""The directory's pages. Thin: parse the request, call one selector or service, render.

Reads go through ``selectors`` (which show nothing to someone with no place in the council, so a
detail they may not see is a 404, not a 403). Changes go through ``services``; a protocol refusal
(``ProtocolError``) is shown with its reasons and citations, and nothing is saved.
"""

from __future__ import annotations

from collections import defaultdict
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from nolan.core.decisions import ProtocolError
from nolan.directory import forms, imports, selectors, services
from nolan.directory import models as m
from nolan.govuk.pagination import page_of

PAGE_SIZE = 25


def _day(date) -> str:
    return f"{date.day} {date:%B %Y}"


def _found(obj):
    if obj is None:
        raise Http404("Not found")
    return obj


def _page(request, qs):
    return page_of(request, qs, PAGE_SIZE)


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
            "committee_places": selectors.member_committee_places(user=request.user, member=member),
            "history": selectors.member_history(user=request.user, member=member),
            "can_maintain": can_maintain,
        },
    )


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


_ROLE_ORDER = {role: i for i, role in enumerate(m.CommitteeRole.values)}


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
            "places": sorted(committee.current_memberships, key=lambda p: _ROLE_ORDER.get(p.role, 99)),
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
            "direct_reports": selectors.officer_direct_reports(user=request.user, officer=officer),
            "personnel": selectors.can_see_personnel_details(request.user, officer),
            "can_maintain": selectors.can_maintain_directory(request.user),
        },
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


# Maintaining the directory -----------------------------------------------------------------------


def maintainers_only(view):
    """Member Services and system administrators only: anyone else gets 403 before anything is read."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not selectors.can_maintain_directory(request.user):
            raise PermissionDenied("Only Member Services or a system administrator may change the directory.")
        return view(request, *args, **kwargs)

    return wrapped


def _refused(form, refusal: ProtocolError) -> None:
    """Show a protocol refusal: every reason with its citation, on the field it concerns if the form
    has it (the error summary links to it), otherwise at the top of the form."""
    field = refusal.field if refusal.field in form.fields else None
    for reason in refusal.decision.reasons or (refusal.message,):
        form.add_error(field, str(reason))


def _invalid(form, error: ValidationError) -> None:
    """Attach a service's ValidationError to the fields it names; anything else goes at the top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _change(
    request,
    *,
    form,
    save,
    done,
    title: str,
    caption: str = "",
    crumbs: list[tuple[str, str]] = (),
    cancel_url: str,
    submit: str = "Save",
    intro: str = "",
):
    """The one place a maintaining page calls its service and translates the outcome: success is a
    redirect with a notification banner; a protocol refusal or a bad value shows the form again with
    the reasons, and (the services being atomic) nothing is saved."""
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ProtocolError as error:
            refusal = error
            _refused(form, error)
        except ValidationError as error:
            _invalid(form, error)
        else:
            message, url = done(result)
            messages.success(request, message)
            return redirect(url)
    context = {
        "form": form,
        "refusal": refusal,
        "title": title,
        "caption": caption,
        "crumbs": crumbs,
        "cancel_url": cancel_url,
        "submit": submit,
        "intro": intro,
    }
    return render(request, "directory/form.html", context)


def _bound(form_class, request, **kwargs):
    return form_class(request.POST or None, **kwargs)


def _without(data: dict, *names: str) -> dict:
    return {k: v for k, v in data.items() if k not in names}


def _member_for_change(request, pk: int) -> m.Member:
    return _found(selectors.member_get(user=request.user, pk=pk))


def _member_crumbs(member=None):
    crumbs = [(reverse("directory:member_list"), "Members")]
    if member is not None:
        crumbs.append((reverse("directory:member_detail", args=[member.pk]), str(member)))
    return crumbs


@maintainers_only
def member_add(request):
    return _change(
        request,
        form=_bound(forms.MemberCreateForm, request, user=request.user, initial={"title": "Cllr"}),
        save=lambda data: services.member_create(actor=request.user, **data),
        done=lambda member: (f"{member} added", reverse("directory:member_detail", args=[member.pk])),
        title="Add a Member",
        crumbs=_member_crumbs(),
        cancel_url=reverse("directory:member_list"),
        submit="Add Member",
    )


@maintainers_only
def member_edit(request, pk: int):
    member = _member_for_change(request, pk)
    initial = {name: getattr(member, name) for name in forms.MemberDetailsForm.base_fields}
    return _change(
        request,
        form=_bound(forms.MemberUpdateForm, request, initial=initial),
        save=lambda data: services.member_update(
            actor=request.user, member=member, data=_without(data, "reason"), reason=data["reason"]
        ),
        done=lambda member: (f"{member}'s details changed", _member_url(member)),
        title="Change a Member's details",
        caption=str(member),
        crumbs=_member_crumbs(member),
        cancel_url=_member_url(member),
    )


def _member_url(member) -> str:
    return reverse("directory:member_detail", args=[member.pk])


@maintainers_only
def member_end_term(request, pk: int):
    member = _member_for_change(request, pk)
    return _change(
        request,
        form=_bound(forms.MemberEndTermForm, request),
        save=lambda data: services.member_end_term(actor=request.user, member=member, **data),
        done=lambda member: (f"{member}'s term of office ends on {_day(member.end)}", _member_url(member)),
        title="End a Member's term of office",
        caption=str(member),
        intro=(
            "Their wards, political group, group offices, council roles, committee places and "
            "permission roles end on the same day. The history is kept."
        ),
        crumbs=_member_crumbs(member),
        cancel_url=_member_url(member),
        submit="End term of office",
    )


@maintainers_only
def member_change_group(request, pk: int):
    member = _member_for_change(request, pk)
    return _change(
        request,
        form=_bound(forms.GroupChangeForm, request, user=request.user),
        save=lambda data: services.group_membership_change(actor=request.user, member=member, **data),
        done=lambda row: (
            f"{member} is now {'a member of ' + row.group.name if row else 'independent'}",
            _member_url(member),
        ),
        title="Change political group",
        caption=str(member),
        intro="Their current group membership, and any office they hold in that group, ends on the date of "
        "the change. Both stay in the history.",
        crumbs=_member_crumbs(member),
        cancel_url=_member_url(member),
        submit="Change group",
    )


@maintainers_only
def member_add_ward(request, pk: int):
    member = _member_for_change(request, pk)
    return _change(
        request,
        form=_bound(forms.WardMembershipForm, request, user=request.user),
        save=lambda data: services.ward_membership_start(actor=request.user, member=member, **data),
        done=lambda row: (f"{member} represents {row.ward.name}", _member_url(member)),
        title="Change ward",
        caption=str(member),
        crumbs=_member_crumbs(member),
        cancel_url=_member_url(member),
    )


@maintainers_only
def member_group_office(request, pk: int):
    member = _member_for_change(request, pk)
    current = [gm.group for gm in member.current_group_memberships]
    return _change(
        request,
        form=_bound(
            forms.GroupOfficeForm,
            request,
            user=request.user,
            initial={"group": current[0] if current else None},
        ),
        save=lambda data: services.group_office_assign(actor=request.user, member=member, **data),
        done=lambda row: (
            f"{member} is {row.get_office_display().lower()} of {row.group.name}",
            _member_url(member),
        ),
        title="Assign a group office",
        caption=str(member),
        intro="The previous holder of the office in the group stops holding it on the same day.",
        crumbs=_member_crumbs(member),
        cancel_url=_member_url(member),
        submit="Assign office",
    )


@maintainers_only
def member_role(request, pk: int):
    member = _member_for_change(request, pk)
    return _change(
        request,
        form=_bound(forms.MemberRoleForm, request),
        save=lambda data: services.member_role_assign(actor=request.user, member=member, **data),
        done=lambda row: (f"{member} is {row}", _member_url(member)),
        title="Assign a council role",
        caption=str(member),
        intro="There is one Leader of the Council and one Cabinet Member for each portfolio: appointing a "
        "new one ends the previous holder's role on the same day.",
        crumbs=_member_crumbs(member),
        cancel_url=_member_url(member),
        submit="Assign role",
    )


@maintainers_only
def member_committee(request, pk: int):
    member = _member_for_change(request, pk)
    return _change(
        request,
        form=_bound(forms.CommitteePlaceForm, request, user=request.user),
        save=lambda data: services.committee_membership_add(actor=request.user, member=member, **data),
        done=lambda row: (
            f"{member} has a place on {row.committee.name} ({row.get_role_display().lower()})",
            _member_url(member),
        ),
        title="Add a committee place",
        caption=str(member),
        intro="A committee has one chair and one vice-chair at a time: appointing a new one ends the "
        "previous holder's place in that role on the same day.",
        crumbs=_member_crumbs(member),
        cancel_url=_member_url(member),
        submit="Add place",
    )


@maintainers_only
def member_account(request, pk: int):
    member = _member_for_change(request, pk)
    return _change(
        request,
        form=_bound(forms.AccountForm, request),
        save=lambda data: services.account_for(actor=request.user, person=member),
        done=lambda user: (f"{member} can sign in as {user.email}", _member_url(member)),
        title="Create a sign-in account",
        caption=str(member),
        intro=f"{member} will sign in as {member.email}, by the council's single sign-on or by setting a "
        "password through the 'forgotten password' link. An existing account with that e-mail address is "
        "linked instead.",
        crumbs=_member_crumbs(member),
        cancel_url=_member_url(member),
        submit="Create account",
    )


# Wards, groups and committees


def _ward_for_change(request, pk):
    return _found(selectors.ward_list(user=request.user).filter(pk=pk).first())


@maintainers_only
def ward_add(request):
    return _change(
        request,
        form=_bound(forms.WardCreateForm, request),
        save=lambda data: services.ward_create(actor=request.user, **data),
        done=lambda ward: (f"{ward.name} ward added", reverse("directory:ward_detail", args=[ward.pk])),
        title="Add a ward",
        crumbs=[(reverse("directory:ward_list"), "Wards")],
        cancel_url=reverse("directory:ward_list"),
        submit="Add ward",
    )


@maintainers_only
def ward_edit(request, pk: int):
    ward = _ward_for_change(request, pk)
    url = reverse("directory:ward_detail", args=[ward.pk])
    return _change(
        request,
        form=_bound(
            forms.WardUpdateForm, request, initial={"name": ward.name, "code": ward.code, "seats": ward.seats}
        ),
        save=lambda data: services.ward_update(
            actor=request.user, ward=ward, data=_without(data, "reason"), reason=data["reason"]
        ),
        done=lambda ward: (f"{ward.name} ward changed", url),
        title="Change a ward",
        caption=ward.name,
        crumbs=[(reverse("directory:ward_list"), "Wards"), (url, ward.name)],
        cancel_url=url,
    )


def _group_for_change(request, pk):
    return _found(selectors.group_list(user=request.user).filter(pk=pk).first())


@maintainers_only
def group_add(request):
    return _change(
        request,
        form=_bound(forms.GroupCreateForm, request),
        save=lambda data: services.group_create(actor=request.user, **data),
        done=lambda group: (f"{group.name} added", reverse("directory:group_detail", args=[group.pk])),
        title="Add a political group",
        crumbs=[(reverse("directory:group_list"), "Political groups")],
        cancel_url=reverse("directory:group_list"),
        submit="Add group",
    )


@maintainers_only
def group_edit(request, pk: int):
    group = _group_for_change(request, pk)
    url = reverse("directory:group_detail", args=[group.pk])
    initial = {"name": group.name, "short_name": group.short_name, "status": group.status}
    return _change(
        request,
        form=_bound(forms.GroupUpdateForm, request, initial=initial),
        save=lambda data: services.group_update(
            actor=request.user, group=group, data=_without(data, "reason"), reason=data["reason"]
        ),
        done=lambda group: (f"{group.name} changed", url),
        title="Change a political group",
        caption=group.name,
        crumbs=[(reverse("directory:group_list"), "Political groups"), (url, group.name)],
        cancel_url=url,
    )


@maintainers_only
def committee_add(request):
    return _change(
        request,
        form=_bound(forms.CommitteeCreateForm, request, user=request.user),
        save=lambda data: services.committee_create(actor=request.user, **data),
        done=lambda c: (f"{c.name} added", reverse("directory:committee_detail", args=[c.pk])),
        title="Add a committee",
        crumbs=[(reverse("directory:committee_list"), "Committees")],
        cancel_url=reverse("directory:committee_list"),
        submit="Add committee",
    )


@maintainers_only
def committee_edit(request, pk: int):
    committee = _found(selectors.committee_get(user=request.user, pk=pk))
    url = reverse("directory:committee_detail", args=[committee.pk])
    initial = {
        "name": committee.name,
        "kind": committee.kind,
        "parent": committee.parent_id,
        "terms_of_reference": committee.terms_of_reference,
    }
    return _change(
        request,
        form=_bound(forms.CommitteeUpdateForm, request, user=request.user, initial=initial),
        save=lambda data: services.committee_update(
            actor=request.user, committee=committee, data=_without(data, "reason"), reason=data["reason"]
        ),
        done=lambda c: (f"{c.name} changed", url),
        title="Change a committee",
        caption=committee.name,
        crumbs=[(reverse("directory:committee_list"), "Committees"), (url, committee.name)],
        cancel_url=url,
    )


# Directorates and services


def _directorates_crumbs():
    return [(reverse("directory:directorate_list"), "Directorates and services")]


@maintainers_only
def directorate_add(request):
    return _change(
        request,
        form=_bound(forms.DirectorateCreateForm, request),
        save=lambda data: services.directorate_create(actor=request.user, **data),
        done=lambda d: (f"{d.name} directorate added", reverse("directory:directorate_list")),
        title="Add a directorate",
        crumbs=_directorates_crumbs(),
        cancel_url=reverse("directory:directorate_list"),
        submit="Add directorate",
    )


@maintainers_only
def directorate_edit(request, pk: int):
    directorate = _found(selectors.directorate_list(user=request.user).filter(pk=pk).first())
    return _change(
        request,
        form=_bound(forms.DirectorateUpdateForm, request, initial={"name": directorate.name}),
        save=lambda data: services.directorate_update(
            actor=request.user, directorate=directorate, data=_without(data, "reason"), reason=data["reason"]
        ),
        done=lambda d: (f"{d.name} directorate changed", reverse("directory:directorate_list")),
        title="Change a directorate",
        caption=directorate.name,
        crumbs=_directorates_crumbs(),
        cancel_url=reverse("directory:directorate_list"),
    )


@maintainers_only
def service_add(request):
    return _change(
        request,
        form=_bound(forms.ServiceCreateForm, request, user=request.user),
        save=lambda data: services.service_create(actor=request.user, **data),
        done=lambda s: (f"{s.name} added to {s.directorate.name}", reverse("directory:directorate_list")),
        title="Add a service",
        crumbs=_directorates_crumbs(),
        cancel_url=reverse("directory:directorate_list"),
        submit="Add service",
    )


@maintainers_only
def service_edit(request, pk: int):
    service = _found(selectors.service_list(user=request.user).filter(pk=pk).first())
    initial = {"directorate": service.directorate_id, "name": service.name, "email": service.email}
    return _change(
        request,
        form=_bound(forms.ServiceUpdateForm, request, user=request.user, initial=initial),
        save=lambda data: services.service_update(
            actor=request.user, service=service, data=_without(data, "reason"), reason=data["reason"]
        ),
        done=lambda s: (f"{s.name} changed", reverse("directory:directorate_list")),
        title="Change a service",
        caption=service.name,
        crumbs=_directorates_crumbs(),
        cancel_url=reverse("directory:directorate_list"),
    )


# Officers


def _officer_for_change(request, pk: int) -> m.Officer:
    return _found(selectors.officer_get(user=request.user, pk=pk))


def _officer_url(officer) -> str:
    return reverse("directory:officer_detail", args=[officer.pk])


def _officer_crumbs(officer=None):
    crumbs = [(reverse("directory:officer_list"), "Officers")]
    if officer is not None:
        crumbs.append((_officer_url(officer), str(officer)))
    return crumbs


@maintainers_only
def officer_add(request):
    form = _bound(forms.OfficerCreateForm, request, user=request.user)
    return _change(
        request,
        form=form,
        save=lambda data: services.officer_create(actor=request.user, **form.service_arguments()),
        done=lambda officer: (f"{officer} added", _officer_url(officer)),
        title="Add an officer",
        intro="A Member of the council cannot be employed by the council.",
        crumbs=_officer_crumbs(),
        cancel_url=reverse("directory:officer_list"),
        submit="Add officer",
    )


@maintainers_only
def officer_edit(request, pk: int):
    officer = _officer_for_change(request, pk)
    initial = {name: getattr(officer, name) for name in forms.OfficerDetailsForm.base_fields}
    return _change(
        request,
        form=_bound(forms.OfficerUpdateForm, request, initial=initial),
        save=lambda data: services.officer_update(
            actor=request.user, officer=officer, data=_without(data, "reason"), reason=data["reason"]
        ),
        done=lambda officer: (f"{officer}'s details changed", _officer_url(officer)),
        title="Change an officer's details",
        caption=str(officer),
        crumbs=_officer_crumbs(officer),
        cancel_url=_officer_url(officer),
    )


@maintainers_only
def officer_new_post(request, pk: int):
    officer = _officer_for_change(request, pk)
    post = officer.current_posts[0] if officer.current_posts else None
    initial = {}
    if post is not None:
        initial = {
            "title": post.title,
            "seniority": post.seniority,
            "directorate": post.directorate_id,
            "service": post.service_id,
            "line_manager": post.line_manager_id,
            "politically_restricted": post.politically_restricted,
            "political_assistant_to": post.political_assistant_to_id,
        }
    return _change(
        request,
        form=_bound(forms.PostStartForm, request, user=request.user, initial=initial),
        save=lambda data: services.post_start(actor=request.user, officer=officer, **data),
        done=lambda post: (f"{officer} starts as {post.title} on {_day(post.start)}", _officer_url(officer)),
        title="Start a new post",
        caption=str(officer),
        intro="For a restructure, promotion or move. Their current post ends the day the new one starts; "
        "both stay in the history.",
        crumbs=_officer_crumbs(officer),
        cancel_url=_officer_url(officer),
        submit="Start new post",
    )


@maintainers_only
def officer_leave(request, pk: int):
    officer = _officer_for_change(request, pk)
    return _change(
        request,
        form=_bound(forms.OfficerLeaveForm, request),
        save=lambda data: services.officer_leave(actor=request.user, officer=officer, **data),
        done=lambda officer: (f"{officer} leaves the council on {_day(officer.end)}", _officer_url(officer)),
        title="Record that an officer leaves",
        caption=str(officer),
        intro="Their post, statutory roles and permission roles end on the same day. The history is kept.",
        crumbs=_officer_crumbs(officer),
        cancel_url=_officer_url(officer),
        submit="Record leaving",
    )


@maintainers_only
def officer_statutory_role(request, pk: int):
    officer = _officer_for_change(request, pk)
    return _change(
        request,
        form=_bound(forms.StatutoryRoleForm, request),
        save=lambda data: services.statutory_role_assign(actor=request.user, officer=officer, **data),
        done=lambda role: (f"{officer} is {role.get_kind_display()}", _officer_url(officer)),
        title="Assign a statutory role",
        caption=str(officer),
        intro="The Head of Paid Service, Monitoring Officer and Section 151 Officer each have one holder: "
        "the previous holder stops holding the role on the same day.",
        crumbs=_officer_crumbs(officer),
        cancel_url=_officer_url(officer),
        submit="Assign role",
    )


@maintainers_only
def officer_account(request, pk: int):
    officer = _officer_for_change(request, pk)
    return _change(
        request,
        form=_bound(forms.AccountForm, request),
        save=lambda data: services.account_for(actor=request.user, person=officer),
        done=lambda user: (f"{officer} can sign in as {user.email}", _officer_url(officer)),
        title="Create a sign-in account",
        caption=str(officer),
        intro=f"{officer} will sign in as {officer.email}, by the council's single sign-on or by setting a "
        "password through the 'forgotten password' link, and must set up an authenticator app. An existing "
        "account with that e-mail address is linked instead.",
        crumbs=_officer_crumbs(officer),
        cancel_url=_officer_url(officer),
        submit="Create account",
    )


# Importing from a CSV file


def _import_page(request, *, kind: str, run, noun: str, list_url: str):
    form = forms.CsvUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = run(actor=request.user, file=form.cleaned_data["file"])
        if result.ok:
            messages.success(request, result.summary())
            return redirect(list_url)
    return render(
        request,
        "directory/import.html",
        {
            "form": form,
            "result": result,
            "noun": noun,
            "columns": imports.COLUMNS[kind],
            "example_url": reverse(f"directory:{kind[:-1]}_import_example"),
            "list_url": list_url,
        },
    )


def _example(kind: str) -> HttpResponse:
    response = HttpResponse(imports.example_csv(kind), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{imports.EXAMPLE_FILES[kind]}"'
    return response


@maintainers_only
def member_import(request):
    return _import_page(
        request,
        kind="members",
        run=imports.import_members,
        noun="Members",
        list_url=reverse("directory:member_list"),
    )


@maintainers_only
def officer_import(request):
    return _import_page(
        request,
        kind="officers",
        run=imports.import_officers,
        noun="officers",
        list_url=reverse("directory:officer_list"),
    )


@maintainers_only
def member_import_example(request):
    return _example("members")


@maintainers_only
def officer_import_example(request):
    return _example("officers")

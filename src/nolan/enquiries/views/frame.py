"""What every Member Enquiries page shares: who is looking (in enquiry terms), the section's sub
navigation, pagination with each row's red/amber/green band (``nolan.enquiries.bands``, worked out once
per page), and turning a service's refusal or bad value into GOV.UK form errors."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from nolan.core.decisions import ProtocolError
from nolan.directory.capacities import capacities_of
from nolan.directory.models import Seniority
from nolan.enquiries import selectors
from nolan.enquiries.bands import Bands
from nolan.govuk.pagination import page_of

PAGE_SIZE = 25


def found(obj):
    if obj is None:
        raise Http404("Not found")
    return obj


@dataclass(frozen=True)
class Viewer:
    """The signed-in person, in the terms the enquiry pages need."""

    member_id: int | None
    officer_id: int | None
    team: bool
    raises_for_members: bool
    seniority: int

    @classmethod
    def of(cls, user) -> Viewer:
        caps = capacities_of(user)
        return cls(
            member_id=selectors.member_id_of(user),
            officer_id=selectors.officer_id_of(user),
            team=selectors.is_team(user),
            raises_for_members=selectors.may_raise_for_members(user),
            seniority=caps.seniority,
        )

    @property
    def may_raise(self) -> bool:
        return bool(self.member_id) or self.raises_for_members

    @property
    def member_only(self) -> bool:
        """A Member with no officer post or team role: sees their own enquiries, as a Member."""
        return bool(self.member_id) and not self.officer_id and not self.team

    @property
    def manages(self) -> bool:
        return self.team or self.seniority >= Seniority.HEAD_OF_SERVICE

    @property
    def list_title(self) -> str:
        if self.member_only:
            return "My enquiries"
        if self.team:
            return "All enquiries"
        return "Enquiries you handle or manage"


def sub_navigation(request, viewer: Viewer, here: str) -> list[dict]:
    items = [("index", viewer.list_title)]
    if viewer.team:
        items.append(("triage", "Triage queue"))
    if viewer.officer_id:
        items.append(("worklist", "My worklist"))
    if viewer.manages:
        items.append(("overdue", "Overdue by service"))
    if viewer.may_raise:
        items.append(("raise", "Raise an enquiry"))
    return [
        {"href": reverse(f"enquiries:{name}"), "text": text, "current": name == here} for name, text in items
    ]


def section(request, here: str) -> dict:
    viewer = Viewer.of(request.user)
    return {"viewer": viewer, "sub_navigation": sub_navigation(request, viewer, here)}


def paginate(request, qs, bands: Bands) -> dict:
    page = page_of(request, qs, PAGE_SIZE)
    rows = [(enquiry, bands.of(enquiry)) for enquiry in page.object_list]
    return {
        "page": page,
        "rows": rows,
        "page_range": list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)),
    }


def refused(form, refusal: ProtocolError) -> None:
    """Every reason of a protocol refusal, with its citation, on the field it concerns if the form has
    it (the error summary links to it), otherwise at the top."""
    field = refusal.field if refusal.field in form.fields else None
    for reason in refusal.decision.reasons or (refusal.message,):
        form.add_error(field, str(reason))


def invalid(form, error: ValidationError) -> None:
    """A service's ValidationError on the fields it names; anything else at the top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)

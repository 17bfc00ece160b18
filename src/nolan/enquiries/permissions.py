"""Who may take each step on an enquiry, decided once.

One function per step answers, for one person and one enquiry as it stands, whether they may take the
step now and, if not, why. The service asks it before it writes and raises what it says
(``Permission.require``); the enquiry's page asks the same function to offer the step or not. So a
step the page does not offer is refused if it is posted anyway, and one the page offers is not
refused for who is asking or the enquiry's status (the values given are checked by the service).

A refusal is of two kinds: the person may not take the step at all (``PermissionDenied``: the view
turns it into a not-found for someone who may not even see the enquiry), or the enquiry's state does
not allow it now (``ProtocolError`` with the reason, shown on the page).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import PermissionDenied

from nolan.core.decisions import Decision, ProtocolError, Reason
from nolan.directory.models import Officer
from nolan.directory.selectors import the_council
from nolan.enquiries import policies, rules, selectors
from nolan.enquiries.models import (
    ACTING_ACCESS,
    AWAITING_ANSWER,
    ENDED_STATUSES,
    OPEN_STATUSES,
    AccessReason,
    Enquiry,
    Response,
    Status,
)

_UNKNOWN = object()


class Standing:
    """Where a person stands to one enquiry: the facts every step's permission is decided on, each
    looked up when first asked. A page that has already read them (the enquiry's access rows come with
    it) passes them in, so asking costs no query."""

    def __init__(self, user, enquiry: Enquiry, *, access=_UNKNOWN, officer=_UNKNOWN):
        self.user = user
        self.enquiry = enquiry
        if access is not _UNKNOWN:
            self.access = access
        if officer is not _UNKNOWN:
            self.officer = officer

    @cached_property
    def team(self) -> bool:
        return self.user is not None and selectors.is_team(self.user)

    @cached_property
    def raiser(self) -> bool:
        return self.user is not None and selectors.is_raiser(self.user, self.enquiry)

    @cached_property
    def officer_id(self) -> int | None:
        return selectors.officer_id_of(self.user) if self.user is not None else None

    @cached_property
    def access(self) -> str | None:
        """Why the person's officer may see the enquiry ("handling_officer", "management_line",
        "service_line"), or None."""
        return selectors.officer_access(self.user, self.enquiry) if self.user is not None else None

    @cached_property
    def officer(self) -> Officer | None:
        return Officer.objects.filter(pk=self.officer_id).first() if self.officer_id else None

    @property
    def acts(self) -> bool:
        """They handle the enquiry or manage whoever does (the service's line, which sees an enquiry
        waiting to be assigned again, does not act on it)."""
        return self.access in ACTING_ACCESS


@dataclass(frozen=True)
class Permission:
    """Whether the step may be taken: ``decision`` with its reasons; ``who`` when it is refused for
    who is asking rather than for the enquiry's state; ``field``, the value a refusal is about."""

    decision: Decision
    who: bool = False
    field: str | None = None

    @property
    def allowed(self) -> bool:
        return self.decision.allowed

    def require(self) -> Decision:
        """The decision if the step is allowed; otherwise the refusal raised."""
        if self.allowed:
            return self.decision
        if self.who:
            raise PermissionDenied(self.decision.explain())
        raise ProtocolError(self.decision, field=self.field)


ALLOWED = Permission(Decision.allow())


def _not_you(text: str) -> Permission:
    return Permission(Decision.refuse(Reason(text)), who=True)


def _refused(text: str, field: str | None = None) -> Permission:
    return Permission(Decision.refuse(Reason(text)), field=field)


def _first(*permissions: Permission) -> Permission:
    """The first refusal, in the order the checks are made; allowed if none refuses."""
    return next((p for p in permissions if not p.allowed), ALLOWED)


def _status(enquiry: Enquiry, allowed: Iterable[str], what: str) -> Permission:
    if enquiry.status in set(allowed):
        return ALLOWED
    return _refused(f"{enquiry.reference} is {enquiry.get_status_display().lower()}, so you cannot {what}.")


def _officer_only(standing: Standing, what: str) -> Permission:
    if standing.acts:
        return ALLOWED
    return _not_you(f"Only the handling officer or their managers may {what}.")


# The steps -------------------------------------------------------------------------------------------


def triage(standing: Standing, enquiry: Enquiry, *, replied: bool) -> Permission:
    """The team classifies an enquiry that has not yet been answered (``replied``: a reply was sent)."""
    if not standing.team:
        return _not_you("Only the Member Enquiries team may triage enquiries.")
    permission = _status(enquiry, (Status.RECEIVED, Status.CONSENT_NEEDED, Status.ASSIGNED), "triage it")
    if permission.allowed and enquiry.status == Status.ASSIGNED and replied:
        return _refused(f"{enquiry.reference} has had a reply: reassign or transfer it instead.")
    return permission


def reassign(standing: Standing, enquiry: Enquiry) -> Permission:
    if not (standing.team or standing.access == AccessReason.MANAGEMENT_LINE):
        return _not_you("Only the Member Enquiries team or the handling officer's managers may reassign it.")
    return _status(enquiry, AWAITING_ANSWER, "reassign it")


def transfer(standing: Standing, enquiry: Enquiry) -> Permission:
    if not (standing.team or standing.acts):
        return _not_you("Only the Member Enquiries team or the handling officer may transfer it.")
    return _status(enquiry, AWAITING_ANSWER, "transfer it")


def holding_reply(standing: Standing, enquiry: Enquiry) -> Permission:
    return _first(
        _officer_only(standing, "send a holding reply"),
        _status(enquiry, AWAITING_ANSWER, "send a holding reply"),
    )


def discussion(standing: Standing, enquiry: Enquiry) -> Permission:
    """The handling officer, their managers or the team record a discussion with the Member."""
    if not (standing.acts or standing.team):
        return _not_you("Only the handling officer or their managers may record a discussion.")
    return _status(enquiry, AWAITING_ANSWER, "record a discussion")


def draft_response(standing: Standing, enquiry: Enquiry) -> Permission:
    return _first(
        _officer_only(standing, "write the response"), _status(enquiry, AWAITING_ANSWER, "write a response")
    )


def sign_off_request(standing: Standing, enquiry: Enquiry, *, draft: Response | None) -> Permission:
    """The handling officer (or a manager) asks a manager to sign the draft off, while the Member
    still waits for the answer."""
    permission = _officer_only(standing, "ask for sign-off")
    if not permission.allowed:
        return permission
    if draft is None:
        return _refused("Write the response before asking for sign-off.", field="text")
    return _status(enquiry, AWAITING_ANSWER, "ask for sign-off")


def sign_off(standing: Standing, enquiry: Enquiry, *, draft: Response | None) -> Permission:
    """A manager in the handling officer's line, not the draft's author, signs off a draft not yet
    signed off, while the Member still waits for the answer (``policies.may_sign_off``)."""
    if draft is None:
        return _refused("There is no draft response to sign off.")
    if not standing.officer_id:
        return _not_you("Only an officer may sign a response off.")
    permission = _status(enquiry, AWAITING_ANSWER, "sign the response off")
    if not permission.allowed:
        return permission
    if draft.signed_off_at is not None:
        return _refused("The draft response is already signed off.")
    decision = policies.may_sign_off(
        author_id=draft.written_by_id,
        signer_id=standing.officer_id,
        signer_in_line=standing.access == AccessReason.MANAGEMENT_LINE,
        signer_name=standing.officer.full_name if standing.officer else "",
    )
    return Permission(decision)


def send_response(standing: Standing, enquiry: Enquiry, *, draft: Response | None) -> Permission:
    permission = _first(
        _officer_only(standing, "send the response"), _status(enquiry, AWAITING_ANSWER, "send a response")
    )
    if permission.allowed and draft is None:
        return _refused("Write the response before sending it.", field="text")
    return permission


def _raiser_or_team(standing: Standing, what: str) -> Permission:
    if standing.raiser or standing.team:
        return ALLOWED
    return _not_you(f"Only the Member who raised it (or the Member Enquiries team) may {what}.")


def reopen(standing: Standing, enquiry: Enquiry, *, today: datetime.date, council=None) -> Permission:
    """The Member (or the team) comes back on the answer within the follow-up window
    (``policies.may_reopen``); the decision's reasons go on the timeline. ``council``: the council's
    row if the caller has it (it is read only when the window is asked about)."""
    permission = _first(
        _raiser_or_team(standing, "re-open it"), _status(enquiry, (Status.RESPONDED,), "re-open it")
    )
    if not permission.allowed:
        return permission
    decision = policies.may_reopen(
        today=today,
        follow_up_until=enquiry.follow_up_until,
        rule=rules.follow_up_window(council if council is not None else the_council()),
    )
    return Permission(decision, field="reason")


def close(standing: Standing, enquiry: Enquiry) -> Permission:
    return _first(
        _raiser_or_team(standing, "close it"),
        _status(enquiry, (*OPEN_STATUSES, Status.RESPONDED, Status.CONSENT_NEEDED), "close it"),
    )


def feedback(standing: Standing, enquiry: Enquiry) -> Permission:
    if not standing.raiser:
        return _not_you("Only the Member who raised it may say whether the answer met the need.")
    permission = _status(enquiry, (Status.RESPONDED, Status.CLOSED), "give feedback on the answer")
    if permission.allowed and enquiry.responded_at is None:
        return _refused("The enquiry has not been answered yet.")
    return permission


def attach(standing: Standing, enquiry: Enquiry) -> Permission:
    """The raising Member, the team, or an officer who acts on it add files while it is not ended."""
    if not (standing.raiser or standing.team or standing.acts):
        return _not_you("You cannot add files to this enquiry.")
    if enquiry.status in ENDED_STATUSES:
        return _refused(
            f"{enquiry.reference} is {enquiry.get_status_display().lower()}: files can no longer be added."
        )
    return ALLOWED

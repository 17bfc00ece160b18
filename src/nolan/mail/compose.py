"""Composing a workflow's e-mail: the one way a step puts a message about a case in the outbox.

A workflow writes its own texts and calls ``send`` inside the step's transaction. Every message, of
every workflow, then follows the same rules:

- Everyone who receives it is in To or Cc and named in the text; there are no blind copies
  (Haringey 12.29). A ``Recipient`` names a person and why they are sent it.
- Only people who may see the case receive its details: the workflow passes its own "may this person
  see this case" check (``may_see``) and a recipient it refuses stops the step (``ConfidentialityError``)
  rather than be sent anything. The one exception is a copy the protocol itself requires to someone
  outside that circle (the relevant Executive Member copied into a response, Islington 4.1(c)): the
  workflow's policy says so as data, the recipient's ``required_copy`` carrying the reasons and their
  citations, never a label that happens to read like one.
- Not sent outside the council's working hours: it waits for the next working morning unless the
  matter is urgent (``hours``: the council's calendar, hours and profile).
- Each has a dedupe key naming the step, so a retried step never queues a second copy.
- The footer says where to read the case in Nolan (a full link on the site's address) and which
  reference to quote, and that Nolan sent it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone

from nolan.core.decisions import Reason
from nolan.directory.selectors import the_council
from nolan.mail import hours, outbox
from nolan.mail.models import OutboxMessage
from nolan.mail.outbox import Address

#: The last line of every message Nolan composes.
SENT_BY = "This message was sent by Nolan. Any request from a Member is treated in confidence.\n"


class ConfidentialityError(RuntimeError):
    """A message would have told someone about a case they may not see. Never expected: it means a
    bug, so the step fails rather than send it."""


@dataclass(frozen=True)
class Recipient:
    """Someone a message goes to, named, with who they are in the directory (for the ``may_see``
    check): a Member, an officer or a user account, or only an address (a resident's, say)."""

    address: Address
    member_id: int | None = None
    officer_id: int | None = None
    user: object | None = None
    #: Why the protocol requires this copy to someone who may not see the case (with the citations).
    #: Empty for everyone else, who is checked.
    required_copy: tuple[Reason, ...] = ()


def officer(person, why: str = "") -> Recipient | None:
    """An officer (``nolan.directory.models.Officer``) as a recipient; None without an e-mail address."""
    if person is None or not person.email:
        return None
    return Recipient(Address(person.full_name, person.email, why), officer_id=person.pk)


def member(person) -> Recipient:
    """A Member (``nolan.directory.models.Member``) as a recipient."""
    return Recipient(Address(str(person), person.email), member_id=person.pk)


def footer(*, url: str, reference: str, what: str) -> str:
    """Where to read the case (``what``: "the enquiry"), the reference to quote, and who sent it."""
    return f"\nRead {what} in Nolan: {url}\nQuote {reference} in any reply.\n" + SENT_BY


def check(recipients: Iterable[Recipient], *, may_see: Callable[[Recipient], bool], about: str) -> None:
    """Refuse a message about ``about`` (a case's reference) to anyone ``may_see`` refuses, unless the
    protocol requires their copy."""
    for r in recipients:
        if r.required_copy:
            continue
        if not may_see(r):
            raise ConfidentialityError(f"{r.address.name} may not see {about}, so is not sent its details.")


def send(
    *,
    key: str,
    kind: str,
    reference: str,
    to: Iterable[Recipient | None],
    cc: Iterable[Recipient | None] = (),
    subject: str,
    body: str,
    may_see: Callable[[Recipient], bool],
    urgent: bool = False,
    now: datetime.datetime | None = None,
    council=None,
    on_queued: Callable[[OutboxMessage], object] | None = None,
) -> OutboxMessage | None:
    """Queue one message about the case ``reference``, to named recipients only, at the first time the
    council's hours allow (``now`` and ``council`` for a caller that already has them). None if nobody
    in ``to`` has an e-mail address. Runs in the caller's transaction; ``on_queued(row)`` is called
    once, when the row is new (the workflow records which of its cases the message is about)."""
    to_list = [r for r in to if r is not None and r.address.email]
    cc_list = [r for r in cc if r is not None and r.address.email]
    if not to_list:
        return None
    check(to_list + cc_list, may_see=may_see, about=reference)
    when = hours.send_time(
        council if council is not None else the_council(), now or timezone.now(), urgent=urgent
    )
    row, created = outbox.enqueue(
        dedupe_key=key,
        kind=kind,
        reference=reference,
        to=[r.address for r in to_list],
        cc=[r.address for r in cc_list],
        subject=subject,
        body=body.rstrip() + "\n",
        not_before=when.at,
        not_before_reason="; ".join(str(r) for r in when.reasons),
        urgent=urgent,
    )
    if created and on_queued is not None:
        on_queued(row)
    return row

"""Every change to Member Enquiries. Nothing else writes enquiry rows.

Each service:

- is one transaction (``@transaction.atomic``) with keyword-only arguments, the first being ``actor``
  (the ``User`` acting; ``None`` only for the worker's own steps such as ``close_expired``);
- asks the step's permission (``nolan.enquiries.permissions``, which the page asks too before it
  offers the step) and raises ``PermissionDenied`` for anyone who may not act (a view turns that
  into a not-found for someone who may not even see the enquiry), or ``ProtocolError`` when the
  enquiry's status does not allow the step now;
- raises ``django.core.exceptions.ValidationError`` keyed by the argument's name for a bad value
  (no subject, an attachment too large or of the wrong kind, HTML in the text, a received time in the
  future), and ``ProtocolError`` carrying the policy's ``Decision`` when the protocol says no. Either
  way nothing is written: every value is checked before the first row, and attachment files written
  to disk are deleted again if the transaction fails;
- asks ``policies`` what the protocol says, with the council's parameters from ``rules``;
- adds a timeline entry (``EnquiryEvent``), records an audit event and writes every e-mail the step
  causes to the outbox (``notifications``), together and in the same transaction, through
  ``nolan.casework.timeline.record_step``; and wakes the dispatcher after commit
  (``transaction.on_commit``);
- keeps who may see the enquiry (``EnquiryAccess``) with ``nolan.casework.circles``, stores files with
  ``nolan.casework.attachments`` and takes its reference from ``nolan.casework.references``.

Text is plain text. Text containing HTML markup (tags such as ``<script>`` or ``<b>``) is refused with a
message rather than stored, so nothing a Member or officer writes can become markup on a page or in an
e-mail; pages escape everything anyway. A subject or a name holding hidden characters that change the
direction of text (``nolan.core.hidden_characters``) is refused too, so it reads in lists and e-mail as
it was written.

The steps live one area to a module: ``raising`` (raising an enquiry, adding files), ``triaging`` (the
team's classification and the routing it leads to), ``handling`` (reassigning, transferring, recording a
discussion), ``answering`` (holding reply, draft, sign-off, the response and its copies), ``closing``
(re-opening, closing, feedback), ``access`` (who may see an enquiry, and following the directory),
``routing`` (who handles it), ``chases``, ``reading`` (views and lists on the audit trail),
``retention`` and ``council_lists`` (categories, routing table, portfolio links); what they share is in
``steps``. Every public name is importable from here.
"""

from nolan.enquiries.services.access import (
    Departure,
    departure,
    follow_directory,
    follow_directory_moves,
    hand_back_if_officer_left,
    handling_line,
    refresh_access,
)
from nolan.enquiries.services.answering import (
    copies_preview,
    director_of,
    draft_response,
    executive_member_for,
    send_holding_reply,
    send_response,
    sign_off,
    submit_for_sign_off,
)
from nolan.enquiries.services.chases import record_chase
from nolan.enquiries.services.closing import close, close_expired, record_feedback, reopen
from nolan.enquiries.services.council_lists import (
    category_name,
    category_save,
    portfolio_link_save,
    portfolio_name,
    routing_rule_delete,
    routing_rule_save,
)
from nolan.enquiries.services.handling import assign, record_discussion, transfer
from nolan.enquiries.services.raising import RESIDENT_FIELDS, SUBJECT_MAX, add_attachments, raise_enquiry
from nolan.enquiries.services.reading import record_enquiry_list, record_enquiry_view
from nolan.enquiries.services.retention import anonymise_resident, apply_retention, retention_plan
from nolan.enquiries.services.routing import routing_rule_for
from nolan.enquiries.services.steps import SYSTEM, TEAM
from nolan.enquiries.services.triaging import triage

__all__ = [
    "Departure",
    "RESIDENT_FIELDS",
    "SUBJECT_MAX",
    "SYSTEM",
    "TEAM",
    "add_attachments",
    "anonymise_resident",
    "apply_retention",
    "assign",
    "category_name",
    "category_save",
    "close",
    "close_expired",
    "copies_preview",
    "departure",
    "director_of",
    "draft_response",
    "executive_member_for",
    "follow_directory",
    "follow_directory_moves",
    "hand_back_if_officer_left",
    "handling_line",
    "portfolio_link_save",
    "portfolio_name",
    "raise_enquiry",
    "record_chase",
    "record_discussion",
    "record_enquiry_list",
    "record_enquiry_view",
    "record_feedback",
    "refresh_access",
    "reopen",
    "retention_plan",
    "routing_rule_delete",
    "routing_rule_for",
    "routing_rule_save",
    "send_holding_reply",
    "send_response",
    "sign_off",
    "submit_for_sign_off",
    "transfer",
    "triage",
]

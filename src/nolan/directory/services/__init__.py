"""Every change to the council directory. Nothing else writes directory rows.

Each service:

- is one transaction (``@transaction.atomic``) with keyword-only arguments, the first being ``actor``
  (the ``User`` acting);
- lets only those who maintain the directory act (Member Services or a system administrator, see
  ``selectors.can_maintain_directory``) and raises ``PermissionDenied`` for anyone else;
- raises ``django.core.exceptions.ValidationError`` keyed by field name for a bad value, so a form
  shows the message on the field it names (the keys are the service's own argument names). A name
  holding hidden characters that change the direction of text is one (``NAMES``, checked by
  ``nolan.core.hidden_characters``), whichever way it came: a page, a CSV import or a command;
- raises ``ProtocolError`` carrying the policy's ``Decision`` for a breach of the protocol (a Member
  cannot be employed by the council, Haringey 7.03). Nothing is written and no event is recorded;
- records exactly one audit event in the same transaction, with the before and after of what changed,
  the reason given, and the capacity the actor acted in. ``capacity`` may be passed in; otherwise it
  is the permission role that allows the change ("Member Services", "System administrator"), which
  says more on the trail than the person's job title would.

History is never overwritten. A change of ward, group, group office, council role, committee place,
post or statutory role ENDS the current row (sets ``end``, the first day it no longer holds) and
creates a new one. Ending a term of office or employment ends everything the person held.

A step that starts or ends an officer's post or employment tells the apps registered in ``moves``
(in the same transaction, after its own rows and event), so what follows an officer's place in the
council (who may see an enquiry, who handles it) follows the step.

``actor=None`` is for the ``nolan import`` command only: pass ``capacity=COMMAND_LINE`` with it and
the event is recorded as the system, acting from the command line.

The steps are in one module per area, re-exported here, so callers name ``services.member_create``
whichever module holds it: ``council`` (the council's settings, wards, political groups), ``members``,
``committees``, ``directorates`` (and their services), ``officers`` (employment and posts),
``statutory_roles``, ``permission_roles``, ``endings`` (``end_dated``) and ``sign_in_accounts``.
``shared`` holds what they share (who is acting, reading values, dated rows, the Member-or-officer
checks).
"""

from __future__ import annotations

from nolan.directory.services.committees import committee_create, committee_membership_add, committee_update
from nolan.directory.services.council import (
    COUNCIL_FIELDS,
    council_update,
    group_create,
    group_update,
    ward_create,
    ward_update,
)
from nolan.directory.services.directorates import (
    directorate_create,
    directorate_update,
    service_create,
    service_update,
)
from nolan.directory.services.endings import end_dated
from nolan.directory.services.members import (
    MEMBER_FIELDS,
    group_membership_change,
    group_office_assign,
    member_create,
    member_end_term,
    member_role_assign,
    member_update,
    ward_membership_start,
)
from nolan.directory.services.officers import (
    OFFICER_FIELDS,
    POST_FIELDS,
    officer_create,
    officer_leave,
    officer_update,
    post_start,
)
from nolan.directory.services.permission_roles import MEMBER_SERVICES_MAY_GRANT, role_grant, role_revoke
from nolan.directory.services.shared import COMMAND_LINE, NAMES, maintaining_capacity
from nolan.directory.services.sign_in_accounts import account_for
from nolan.directory.services.statutory_roles import SINGLE_HOLDER_STATUTORY_ROLES, statutory_role_assign

__all__ = [
    "COMMAND_LINE",
    "COUNCIL_FIELDS",
    "MEMBER_FIELDS",
    "MEMBER_SERVICES_MAY_GRANT",
    "NAMES",
    "OFFICER_FIELDS",
    "POST_FIELDS",
    "SINGLE_HOLDER_STATUTORY_ROLES",
    "account_for",
    "committee_create",
    "committee_membership_add",
    "committee_update",
    "council_update",
    "directorate_create",
    "directorate_update",
    "end_dated",
    "group_create",
    "group_membership_change",
    "group_office_assign",
    "group_update",
    "maintaining_capacity",
    "member_create",
    "member_end_term",
    "member_role_assign",
    "member_update",
    "officer_create",
    "officer_leave",
    "officer_update",
    "post_start",
    "role_grant",
    "role_revoke",
    "service_create",
    "service_update",
    "statutory_role_assign",
    "ward_create",
    "ward_membership_start",
    "ward_update",
]

"""Officers: their employment and their posts."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from nolan.accounts.models import RoleGrant, User
from nolan.audit.services import record, snapshot
from nolan.directory import models as m
from nolan.directory import moves
from nolan.directory.services.shared import (
    FieldErrors,
    apply_changes,
    as_date,
    as_email,
    check_may_be_officer,
    email_free,
    employed_on,
    end_rows,
    held_on,
    in_words,
    maintaining_capacity,
    not_ended_by,
    required_reason,
    validate_row,
)

OFFICER_FIELDS = ("first_name", "last_name", "email", "phone", "employee_number", "employment_type")
POST_FIELDS = (
    "title",
    "seniority",
    "directorate",
    "service",
    "line_manager",
    "politically_restricted",
    "political_assistant_to",
    "start",
)


def _managers_of(officer_id: int, on) -> set[int]:
    """Who manages the officer in any post held on ``on`` or later."""
    return set(
        not_ended_by(m.Post.objects.all(), on)
        .filter(officer_id=officer_id, line_manager__isnull=False)
        .values_list("line_manager_id", flat=True)
    )


def _start_post(
    *,
    officer: m.Officer,
    title: str,
    seniority: int,
    directorate: m.Directorate | None = None,
    service: m.Service | None = None,
    line_manager: m.Officer | None = None,
    politically_restricted: bool = False,
    political_assistant_to: m.PoliticalGroup | None = None,
    start: datetime.date,
) -> tuple[m.Post, list]:
    """Validate and create a post; end the officer's current posts the day it starts."""
    start = as_date(start, "start")
    errors = FieldErrors()
    if directorate is None and service is not None:
        directorate = service.directorate
    post = m.Post(
        officer=officer,
        title=(title or "").strip(),
        seniority=seniority,
        directorate=directorate,
        service=service,
        line_manager=line_manager,
        politically_restricted=bool(politically_restricted),
        political_assistant_to=political_assistant_to,
        start=start,
        end=officer.end,
    )
    validate_row(post, errors, exclude=["officer"] if officer.pk is None else ())
    employed_on(officer, start, "start", errors)
    held_on(directorate, start, "directorate", errors, "directorate")
    held_on(service, start, "service", errors, "service")
    held_on(political_assistant_to, start, "political_assistant_to", errors, "political group")
    if service is not None and directorate is not None and service.directorate_id != directorate.pk:
        errors.add("service", f"{service} is in {service.directorate}, not {directorate}.")
    if line_manager is not None:
        if officer.pk is not None and line_manager.pk == officer.pk:
            errors.add("line_manager", "An officer cannot be their own line manager.")
        elif line_manager.end is not None and line_manager.end <= start:
            errors.add("line_manager", f"{line_manager} left the council on {in_words(line_manager.end)}.")
        elif officer.pk is not None:
            seen, todo = set(), {line_manager.pk}
            while todo:
                pk = todo.pop()
                if pk == officer.pk:
                    errors.add(
                        "line_manager",
                        f"{line_manager} is managed, directly or through others, by {officer}: "
                        "line management cannot go round in a loop.",
                    )
                    break
                seen.add(pk)
                todo |= _managers_of(pk, start) - seen
    errors.raise_any()
    ended = end_rows(officer.posts.all(), start) if officer.pk is not None else []
    post.save()
    return post, ended


@transaction.atomic
def officer_create(
    *,
    actor,
    first_name: str,
    last_name: str,
    email: str,
    employee_number: str = "",
    employment_type: str = m.EmploymentType.EMPLOYEE,
    phone: str = "",
    start: datetime.date,
    user: User | None = None,
    post: dict | None = None,
    capacity: str | None = None,
) -> m.Officer:
    """Add an officer employed from ``start``, with their first post if ``post`` is given (a dict of
    ``post_start``'s arguments: title, seniority, directorate, service, line_manager,
    politically_restricted, political_assistant_to, and start, which defaults to the employment's).

    Refused (``ProtocolError``, Haringey 7.03) if a Member of the council during the employment has
    the same sign-in account or e-mail address: a Member cannot be made an officer."""
    cap = maintaining_capacity(actor, capacity)
    errors = FieldErrors()
    start = as_date(start, "start")
    try:
        email = as_email(email)
    except ValidationError as error:
        errors.merge(error)
        email = ""
    officer = m.Officer(
        user=user,
        first_name=(first_name or "").strip(),
        last_name=(last_name or "").strip(),
        email=email,
        phone=(phone or "").strip(),
        employee_number=(employee_number or "").strip(),
        employment_type=employment_type,
        start=start,
    )
    validate_row(officer, errors, exclude=["email"] if not email else ())
    if email:
        email_free(m.Officer, email, start, None, errors)
    post = dict(post or {})
    unknown = set(post) - set(POST_FIELDS)
    for key in sorted(unknown):
        errors.add(key, "This is not a detail of a post.")
    errors.raise_any()
    check_may_be_officer(name=officer.full_name, email=email, user=user, start=start)

    officer.save()
    after = snapshot(officer)
    if post:
        post.setdefault("start", start)
        created, _ = _start_post(officer=officer, **post)
        after["post"] = snapshot(created)
    record(actor=actor, action="directory.officer.created", target=officer, capacity=cap, after=after)
    if post:
        moves.run([officer.pk])
    return officer


@transaction.atomic
def officer_update(
    *, actor, officer: m.Officer, data: dict, reason: str = "", capacity: str | None = None
) -> m.Officer:
    """Change an officer's name, e-mail, phone, employee number or employment type (``OFFICER_FIELDS``).
    Posts, statutory roles and leaving have their own services, which keep the history."""
    cap = maintaining_capacity(actor, capacity)
    data = dict(data)
    if "email" in data:
        data["email"] = as_email(data["email"])
    before, after = apply_changes(officer, data, OFFICER_FIELDS)
    if "email" in after:
        errors = FieldErrors()
        email_free(m.Officer, officer.email, officer.start, officer.end, errors, exclude=officer)
        errors.raise_any()
        check_may_be_officer(
            name=officer.full_name,
            email=officer.email,
            user=officer.user,
            start=officer.start,
            end=officer.end,
        )
    if after:
        officer.save()
        record(
            actor=actor,
            action="directory.officer.updated",
            target=officer,
            capacity=cap,
            before=before,
            after=after,
            reason=reason,
        )
    return officer


@transaction.atomic
def post_start(
    *,
    actor,
    officer: m.Officer,
    title: str,
    seniority: int,
    directorate: m.Directorate | None = None,
    service: m.Service | None = None,
    line_manager: m.Officer | None = None,
    politically_restricted: bool = False,
    political_assistant_to: m.PoliticalGroup | None = None,
    start: datetime.date,
    reason: str = "",
    capacity: str | None = None,
) -> m.Post:
    """Start a new post for the officer (a restructure, promotion or move). Their current post ends
    the day the new one starts; both stay in the history. ``directorate`` defaults to the service's.

    Refused (``ValidationError`` on ``line_manager``) if the line manager is the officer themselves
    or is managed by them, directly or through others."""
    cap = maintaining_capacity(actor, capacity)
    post, ended = _start_post(
        officer=officer,
        title=title,
        seniority=seniority,
        directorate=directorate,
        service=service,
        line_manager=line_manager,
        politically_restricted=politically_restricted,
        political_assistant_to=political_assistant_to,
        start=start,
    )
    record(
        actor=actor,
        action="directory.officer.post_started",
        target=officer,
        capacity=cap,
        before={"posts": [e["label"] for e in ended]} if ended else None,
        after=snapshot(post),
        reason=reason,
        extra={"ended": ended},
    )
    moves.run([officer.pk])
    return post


def end_employment(officer: m.Officer, end: datetime.date) -> tuple[dict, dict, list]:
    """End the officer's employment and everything they hold on ``end``: the rows of ``officer_leave``
    and of ``end_dated`` for an officer, each of which records the event and tells ``moves``."""
    errors = FieldErrors()
    if end < officer.start:
        errors.add("end", f"Employment cannot end before it started ({in_words(officer.start)}).")
    if officer.end is not None and officer.end <= end:
        errors.add("end", f"{officer} already left on {in_words(officer.end)}.")
    errors.raise_any()
    before = {"end": officer.end}
    ended = end_rows(officer.posts.all(), end) + end_rows(officer.statutory_roles.all(), end)
    if officer.user_id:
        ended += end_rows(RoleGrant.objects.filter(user_id=officer.user_id), end)
    officer.end = end
    officer.save(update_fields=["end"])
    return before, {"end": end}, ended


@transaction.atomic
def officer_leave(
    *, actor, officer: m.Officer, end: datetime.date, reason: str, capacity: str | None = None
) -> m.Officer:
    """Record that an officer leaves the council's employment on ``end`` (their first day no longer
    employed). Their posts, statutory roles and the permission roles granted to their sign-in
    account end the same day. A reason is required."""
    cap = maintaining_capacity(actor, capacity)
    end = as_date(end, "end")
    reason = required_reason(reason)
    before, after, ended = end_employment(officer, end)
    record(
        actor=actor,
        action="directory.officer.left",
        target=officer,
        capacity=cap,
        before=before,
        after=after,
        reason=reason,
        extra={"ended": ended},
    )
    moves.run([officer.pk])
    return officer

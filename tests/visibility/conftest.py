"""The council the visibility matrix looks at, built once for the whole module.

Everything a page or API operation can be asked about exists: one enquiry in each state a step
page treats differently (received, with the officer and a draft, answered, closed), each with an
attachment, a note and (once triaged) a response, raised by Cllr Aisha Rahman in Eastgate; one
more raised by Cllr Ben Okafor, another councillor of the same ward; a committee, a calendar
change, an API token, an e-mail address, a declared relationship and the rest of what the system
administration pages list. Each confidential text carries a tracer (``Tracers``) so that a page
which shows it to someone outside the enquiry's circle is caught.

The database work happens inside one transaction that is rolled back when the module ends; each
test then runs in its own savepoint (pytest-django's ``db``), and each request the matrix makes in
another, so nothing one request writes is seen by the next.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client, override_settings
from rest_framework.authtoken.models import Token

from nolan.accounts.models import User
from nolan.audit.models import AuditEvent
from nolan.calendar import services as calendar_services
from nolan.directory import models as d
from nolan.enquiries import services
from nolan.enquiries.models import Enquiry, PortfolioLink, RoutingRule
from nolan.mail.models import OutboxMessage
from nolan.register.models import DeclaredRelationship
from tests.enquiries.conftest import NOW, World, build_world, pdf, raise_one, upload
from tests.personas import TERM_START, TOTP_SECRET, make_user
from tests.visibility.harness import Asker


@dataclass(frozen=True)
class Tracers:
    """Marks in one enquiry's confidential texts: none may reach anyone outside its circle, and the
    ``internal`` ones (a draft not yet sent) not even the Member who raised it."""

    reference: str
    texts: tuple[str, ...]
    internal: tuple[str, ...] = ()


@dataclass
class Places:
    """What the matrix's targets point at."""

    world: World
    users: dict[str, User | None]  # persona name -> account (None: not signed in)
    enquiries: dict[str, Enquiry]  # "received", "assigned", "responded", "closed", "other"
    attachments: dict[str, int]  # the same keys -> the pk of the enquiry's file
    tracers: dict[str, Tracers]  # the same keys
    ids: dict[str, int]  # the directory's and the calendar's records the pages show, by what they are
    admin_objects: dict[str, str]  # "app_label.model" -> an object id the admin's URLs take
    secrets: tuple[str, ...] = field(default=())  # API token keys: no page may show one


def _raise(world: World, name: str, actor=None) -> Enquiry:
    """An enquiry whose subject, text, resident and file each carry a tracer."""
    return raise_one(
        world,
        actor=actor,
        subject=f"Damp at Heron Court tracer-subject-{name}",
        body=f"Black mould in the bedroom of flat 7. tracer-body-{name}",
        resident={
            "name": f"Mary Quince tracer-resident-{name}",
            "address": f"7 Heron Court tracer-address-{name}",
            "contact": f"tracer-contact-{name}@example.org",
            "asked_member_to_act": True,
        },
        attachments=[upload(f"tracer-file-{name}.pdf", pdf())],
    )


RAISED = ("subject", "body", "resident", "address", "contact", "file")


def _build(media) -> Places:
    world = build_world(media)
    superuser = User.objects.create_superuser(
        "sysadmin@ashdown.test", "correct-horse-battery-staple", first_name="Sid", last_name="Admin"
    )
    TOTP.activate(superuser, TOTP_SECRET)
    no_place = make_user("visitor@ashdown.test", "Vic", "Visitor", second_factor=False)
    users: dict[str, User | None] = {
        "anonymous": None,
        "councillor": world.councillor,
        "same_ward_councillor": world.same_ward_councillor,
        "same_group_councillor": world.same_group_councillor,
        "opposition_leader": world.opposition_leader,
        "cabinet_member": world.cabinet_member,
        "former_councillor": world.former_councillor,
        "member_enquiries": world.member_enquiries,
        "member_services": world.member_services,
        "officer": world.officer,
        "other_service_officer": world.other_service_officer,
        "director": world.director,
        "monitoring_officer": world.monitoring_officer,
        "chief_executive": world.chief_executive,
        "system_admin": superuser,
        "no_place": no_place,
    }

    enquiries: dict[str, Enquiry] = {}
    tracers: dict[str, Tracers] = {}
    for name in ("received", "assigned", "responded", "closed"):
        enquiry = _raise(world, name)
        marks = [f"tracer-{kind}-{name}" for kind in RAISED]
        internal = []
        if name != "received":
            services.triage(
                actor=world.member_enquiries,
                enquiry=enquiry,
                classification="member_enquiry",
                note=f"Routine repair tracer-triage-{name}",
            )
            services.record_discussion(
                actor=world.officer,
                enquiry=enquiry,
                with_whom="Cllr Rahman",
                note=f"Agreed a survey first tracer-discussion-{name}",
            )
            marks += [f"tracer-triage-{name}", f"tracer-discussion-{name}"]
            answer = f"tracer-{'draft' if name == 'assigned' else 'response'}-{name}"
            services.draft_response(
                actor=world.officer, enquiry=enquiry, text=f"A survey is booked. {answer}"
            )
            (internal if name == "assigned" else marks).append(answer)
        if name in ("responded", "closed"):
            services.send_response(actor=world.officer, enquiry=enquiry)
        if name == "closed":
            services.close(actor=world.councillor, enquiry=enquiry, reason=f"Sorted tracer-closing-{name}")
            services.record_feedback(
                actor=world.councillor,
                enquiry=enquiry,
                met_need=True,
                comment=f"Quick tracer-feedback-{name}",
            )
            marks += [f"tracer-closing-{name}", f"tracer-feedback-{name}"]
        enquiries[name] = enquiry
        tracers[name] = Tracers(enquiry.reference, tuple(marks), tuple(internal))
    other = _raise(world, "other", actor=world.same_ward_councillor)
    enquiries["other"] = other
    tracers["other"] = Tracers(other.reference, tuple(f"tracer-{kind}-other" for kind in RAISED))
    for enquiry in enquiries.values():
        enquiry.refresh_from_db()
        # The audit trail then names each enquiry as viewed, as it does once the team has opened it.
        services.record_enquiry_view(user=world.member_enquiries, enquiry=enquiry)

    committee = d.Committee.objects.create(name="Planning Committee", kind="regulatory")
    d.CommitteeMembership.objects.create(
        committee=committee, member=world.member_of(world.councillor), role="member", start=TERM_START
    )
    override = calendar_services.add_override(
        actor=world.member_services,
        date=datetime.date(2027, 12, 29),
        kind="closure",
        description="Office closure",
        reason="The council's winter closure",
    )

    group = Group.objects.create(name="Support desk")
    email = EmailAddress.objects.create(user=world.councillor, email=world.councillor.email, primary=True)
    app = SocialApp.objects.create(provider="openid_connect", provider_id="council", name="Council SSO")
    account = SocialAccount.objects.create(user=world.councillor, provider="council", uid="aisha")
    social_token = SocialToken.objects.create(app=app, account=account, token="sso-access-token")
    api_token = Token.objects.create(user=world.councillor)
    relationship = DeclaredRelationship.objects.create(
        member=world.member_of(world.same_group_councillor),
        officer=world.officer_of(world.other_service_officer),
        nature="family",
        details="Siblings",
        declared_on=datetime.date(2026, 1, 5),
    )
    admin_objects = {
        "auth.group": group.pk,
        "account.emailaddress": email.pk,
        "mfa.authenticator": Authenticator.objects.filter(user=world.officer).get().pk,
        "socialaccount.socialapp": app.pk,
        "socialaccount.socialaccount": account.pk,
        "socialaccount.socialtoken": social_token.pk,
        "audit.auditevent": AuditEvent.objects.filter(
            target_id=str(enquiries["received"].pk), action="viewed"
        )
        .get()
        .pk,
        "directory.council": world.council.pk,
        "directory.ward": world.east_ward.pk,
        "directory.politicalgroup": world.administration.pk,
        "directory.member": world.member_of(world.councillor).pk,
        "directory.wardmembership": world.member_of(world.councillor).ward_memberships.get().pk,
        "directory.groupmembership": world.member_of(world.councillor).group_memberships.get().pk,
        "directory.groupofficeholding": d.GroupOfficeHolding.objects.get().pk,
        "directory.memberrole": d.MemberRole.objects.get().pk,
        "directory.committee": committee.pk,
        "directory.committeemembership": committee.memberships.get().pk,
        "directory.directorate": world.place.pk,
        "directory.service": world.housing.pk,
        "directory.officer": world.officer_of(world.officer).pk,
        "directory.post": world.officer_of(world.officer).posts.get().pk,
        "directory.statutoryrole": d.StatutoryRole.objects.filter(kind="monitoring_officer").get().pk,
        "enquiries.category": world.repairs_category.pk,
        "enquiries.routingrule": RoutingRule.objects.get(category=world.repairs_category).pk,
        "enquiries.portfoliolink": PortfolioLink.objects.get(service=world.housing).pk,
        "register.declaredrelationship": relationship.pk,
        "mail.outboxmessage": OutboxMessage.objects.order_by("pk").first().pk,
        "content_type": ContentType.objects.get_for_model(d.Member).pk,  # for "view on site"
    }
    return Places(
        world=world,
        users=users,
        enquiries=enquiries,
        attachments={name: e.attachments.get().pk for name, e in enquiries.items()},
        tracers=tracers,
        ids={
            "member": world.member_of(world.councillor).pk,
            "former_member": d.Member.objects.get(user=world.former_councillor).pk,
            "ward": world.east_ward.pk,
            "group": world.opposition.pk,
            "committee": committee.pk,
            "directorate": world.place.pk,
            "service": world.housing.pk,
            "officer": world.officer_of(world.officer).pk,
            "override": override.pk,
            "category": world.repairs_category.pk,
        },
        admin_objects={k: str(v) for k, v in admin_objects.items()},
        secrets=(api_token.key,),
    )


@pytest.fixture(scope="module")
def places(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Places]:
    media = tmp_path_factory.mktemp("media")
    changed = override_settings(
        MEDIA_ROOT=str(media),
        NOLAN_DELIVERY_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        DEFAULT_FROM_EMAIL="nolan@ashdown.test",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    with time_machine.travel(NOW, tick=True), changed, django_db_blocker.unblock(), transaction.atomic():
        built = _build(media)
        yield built
        # Everything the module wrote goes, the cache's rows with it (the cache is a table).
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def asker(places) -> Asker:
    """Asks as each persona, through a session signed in once for the module with the test client's
    force_login (which stands for a completed sign-in, with the second factor where one is needed)."""
    sessions: dict[str, str | None] = {}
    for persona, user in places.users.items():
        sessions[persona] = None
        if user is not None:
            client = Client()
            client.force_login(user)
            sessions[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return Asker(sessions)

"""Every kind of e-mail about enquiries links to Nolan with a full address on the site's own
(NOLAN_SITE_URL), so its reader can open it from their inbox: never a bare path, never another host,
and the link opens the page for them."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from nolan.accounts.models import User
from nolan.directory import services as directory
from nolan.enquiries import chasing, services
from nolan.mail import outbox
from tests.enquiries.conftest import LONDON, raise_one, triaged
from tests.links import SITE, bare_paths_in, links_in, on_the_site, open_link


def at(day: int, month: int = 3) -> datetime.datetime:
    return datetime.datetime(2027, month, day, 10, 0, tzinfo=LONDON)


def responded(world):
    enquiry = triaged(world)
    services.draft_response(actor=world.officer, enquiry=enquiry, text="Survey booked for 12 March.")
    services.send_response(actor=world.officer, enquiry=enquiry)
    return enquiry


def referred_to_complaints(world):
    enquiry = raise_one(world)
    services.triage(
        actor=world.member_enquiries,
        enquiry=enquiry,
        classification="complaint",
        external_reference="COMP-2027-0042",
    )
    return enquiry


def handed_back(world):
    enquiry = triaged(world)
    sam = world.officer_of(world.officer)
    directory.officer_leave(actor=world.member_services, officer=sam, end=at(9).date(), reason="Resigned")
    return enquiry


def holding_reply(world):
    enquiry = triaged(world)
    services.send_holding_reply(
        actor=world.officer,
        enquiry=enquiry,
        text="We are arranging a damp survey.",
        reason="A surveyor must visit first",
        new_due=datetime.date(2027, 4, 6),
    )
    return enquiry


def sent_for_sign_off(world):
    enquiry = triaged(world)
    services.draft_response(actor=world.officer, enquiry=enquiry, text="Survey booked.")
    services.submit_for_sign_off(
        actor=world.officer, enquiry=enquiry, manager=world.officer_of(world.director)
    )
    return enquiry


def signed_off(world):
    enquiry = sent_for_sign_off(world)
    services.sign_off(actor=world.director, enquiry=enquiry)
    return enquiry


def reopened(world):
    enquiry = responded(world)
    services.reopen(actor=world.councillor, enquiry=enquiry, reason="The survey did not happen")
    return enquiry


def closed_by_the_team(world):
    enquiry = responded(world)
    services.close(actor=world.member_enquiries, enquiry=enquiry, reason="The Member has what they need")
    return enquiry


def feedback(world):
    enquiry = responded(world)
    services.record_feedback(actor=world.councillor, enquiry=enquiry, met_need=False, comment="Too vague")
    return enquiry


def chased(world, *moments):
    enquiry = triaged(world)
    for moment in moments:
        chasing.run(now=moment)
    return enquiry


#: Each kind of message an enquiry's steps queue (OutboxMessage.kind), and a step that sends one.
STEPS = {
    "receipt": raise_one,
    "triage": raise_one,
    "assigned": triaged,
    "acknowledgement": triaged,
    "routed_out": referred_to_complaints,
    "handed_back": handed_back,
    "holding_reply": holding_reply,
    "response": responded,
    "sign_off_requested": sent_for_sign_off,
    "signed_off": signed_off,
    "reopened": reopened,
    "closed": closed_by_the_team,
    "feedback": feedback,
    "chase": lambda world: chased(world, at(24)),
    "escalation": lambda world: chased(world, at(24), at(30), at(1, month=4)),
    "digest": lambda world: chased(world, at(19)),  # the reminder before the due date
}


@pytest.mark.parametrize("kind", STEPS)
def test_every_link_in_the_email_is_a_full_address_on_the_site_that_opens_for_its_reader(
    world, settings, client, kind
):
    on_the_site(settings)
    enquiry = STEPS[kind](world)
    outbox.dispatch_due(at(30, month=4))
    message = next(m for m in mail.outbox if m.extra_headers["X-Nolan-Message"] == kind)

    links = links_in(message.body)
    assert f"{SITE}/enquiries/{enquiry.reference}/" in links
    assert all(link.startswith(f"{SITE}/") for link in links), links
    assert bare_paths_in(message.body) == []

    reader = User.objects.get(email__iexact=message.to[0].rpartition("<")[2].rstrip(">"))
    client.force_login(reader)
    for link in links:
        page = open_link(client, link)
        assert page.status_code == 200, link
    assert enquiry.subject in open_link(client, f"{SITE}/enquiries/{enquiry.reference}/").content.decode()


def test_with_the_setting_as_the_deployment_gives_it_no_link_is_a_bare_path(world, settings):
    """Here the test sets nothing: the links are on whatever NOLAN_SITE_URL the settings declare."""
    raise_one(world)
    outbox.dispatch_due()
    receipt = next(m for m in mail.outbox if m.extra_headers["X-Nolan-Message"] == "receipt")
    assert links_in(receipt.body)
    assert all(link.startswith(f"{settings.NOLAN_SITE_URL}/enquiries/") for link in links_in(receipt.body))
    assert bare_paths_in(receipt.body) == []

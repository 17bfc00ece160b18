"""The daily digest is one e-mail per officer per working day, to which each workflow adds its section
by registering with ``nolan.mail.digests``. Member Enquiries' section is tested in
tests/enquiries/test_digests.py; here a second, test-only workflow (briefings) adds its own."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from nolan.directory.models import Officer
from nolan.enquiries import chasing
from nolan.mail import digests
from nolan.mail.models import OutboxMessage
from tests.enquiries.conftest import triaged
from tests.enquiries.test_chasing import at, ladder  # noqa: F401 - the fixture


@dataclass
class Briefings:
    """A workflow with one briefing for one officer today."""

    officer: Officer

    def recipients(self) -> list[Officer]:
        return [self.officer]

    def section(self, officer: Officer) -> digests.Section | None:
        if officer.pk != self.officer.pk:
            return None
        return digests.Section(
            lines=["Your political group briefings today:", "- Budget briefing, 10:00"],
            count=1,
            subject="Briefings today (1)",
            note="Each briefing is also in your calendar.",
        )


@pytest.fixture
def briefings(ladder):  # noqa: F811
    def source(*, now, council_row):
        return Briefings(ladder.officer_of(ladder.officer))

    digests.register(source)
    yield
    digests.unregister(source)


def test_each_workflow_adds_its_section_to_the_one_digest_of_the_day(ladder, briefings):  # noqa: F811
    enquiry = triaged(ladder)
    sam = ladder.officer_of(ladder.officer)
    chasing.run(now=at(19))  # the enquiry is due in two working days: Sam's reminder
    [digest] = OutboxMessage.objects.filter(kind="digest", to__0__email=sam.email)
    assert digest.subject == "Needing your attention in Nolan, Fri 19 Mar 2027 (2)"
    body = digest.body
    assert body.startswith("Dear Sam Lee,\n\nYour Member enquiries that need attention on Fri 19 Mar 2027:\n")
    assert f"- {enquiry.reference} Damp in a council flat:" in body
    assert "\n\nYour political group briefings today:\n- Budget briefing, 10:00\n" in body
    assert body.index("Member enquiries") < body.index("political group briefings")
    assert body.endswith(
        "This digest is sent once each working day, at its start. A chase after a due date and an "
        "escalation are also sent on their own. Each briefing is also in your calendar.\n"
        "This message was sent by Nolan. Any request from a Member is treated in confidence.\n"
    )
    chasing.run(now=at(19, hour=11))  # the run repeats: still one digest
    assert OutboxMessage.objects.filter(kind="digest", to__0__email=sam.email).count() == 1


def test_an_officer_with_only_another_workflows_section_gets_that_alone(ladder, briefings):  # noqa: F811
    sam = ladder.officer_of(ladder.officer)
    chasing.run(now=at(19))  # no enquiry at all
    [digest] = OutboxMessage.objects.filter(kind="digest")
    assert digest.to == [{"name": "Sam Lee", "email": sam.email}]
    assert digest.subject == "Briefings today (1)"
    assert digest.body == (
        "Dear Sam Lee,\n\nYour political group briefings today:\n- Budget briefing, 10:00\n"
        "This digest is sent once each working day, at its start. Each briefing is also in your calendar.\n"
        "This message was sent by Nolan. Any request from a Member is treated in confidence.\n"
    )

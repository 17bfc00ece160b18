"""The register in the system administration pages: a declaration the service refuses is shown on the
form with the service's message and nothing is saved, and the details of a declaration are never
shown there once written."""

from __future__ import annotations

import pytest

from nolan.audit.models import AuditEvent
from nolan.register import services
from nolan.register.models import DeclaredRelationship
from tests.register.conftest import member_of, officer_of

pytestmark = pytest.mark.django_db


def error_list(response) -> str:
    text = response.content.decode()
    start = text.index('class="errorlist')
    return text[start : text.index("</ul>", start)]


def test_a_declaration_the_service_refuses_is_shown_on_the_form(administrator, ashdown):
    """Markup in the details used to be a server error: the service refused it after the form had
    accepted it."""
    before = DeclaredRelationship.objects.count(), AuditEvent.objects.count()
    response = administrator.post(
        "/system-admin/register/declaredrelationship/add/",
        {
            "member": member_of(ashdown.councillor).pk,
            "officer": officer_of(ashdown.officer).pk,
            "nature": "family",
            "details": "<b>Her brother</b>",
            "declared_on": "2027-03-09",
        },
    )
    assert response.status_code == 200
    assert "Write the details as plain text" in error_list(response)
    assert (DeclaredRelationship.objects.count(), AuditEvent.objects.count()) == before


def test_the_details_of_a_declaration_are_not_shown_to_whoever_runs_the_system(administrator, ashdown):
    relationship = services.relationship_declare(
        actor=ashdown.monitoring_officer,
        member=member_of(ashdown.councillor),
        officer=officer_of(ashdown.officer),
        nature="family",
        details="Sam Lee is Cllr Rahman's nephew",
    )
    pages = [
        "/system-admin/register/declaredrelationship/",
        f"/system-admin/register/declaredrelationship/{relationship.pk}/change/",
    ]
    for page in pages:
        response = administrator.get(page)
        assert response.status_code == 200
        assert "nephew" not in response.content.decode()

"""The council's lists in the system administration pages: a value the service refuses is shown on
the form with the service's message, and nothing is saved."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from nolan.audit.models import AuditEvent
from nolan.enquiries.models import Category, PortfolioLink
from tests.personas import PASSWORD, make_user, totp_code

pytestmark = pytest.mark.django_db

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: what follows it is shown backwards
DIRECTION = "must not contain hidden characters that change the direction of text."


@pytest.fixture
def administrator(world, client):
    """A system administrator, signed in with their password and the code from their authenticator."""
    cache.clear()  # the codes already used, and sign-in throttling, are counted in the cache
    user = make_user("sysadmin@ashdown.test", "Ada", "Lovelace", second_factor=True)
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    asked = client.post("/account/login/", {"login": user.email, "password": PASSWORD})
    assert client.post(asked["Location"], {"code": totp_code()}).status_code == 302
    return client


def stored():
    return list(Category.objects.values()), list(PortfolioLink.objects.values()), AuditEvent.objects.count()


def error_list(response) -> str:
    text = response.content.decode()
    start = text.index('class="errorlist')
    return text[start : text.index("</ul>", start)]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (f"Roads {RLO}sexiof", f"The category&#x27;s name {DIRECTION}"),
        # This one used to be a server error: the service refused it after the form had accepted it.
        ("<b>Roads</b>", "Write the category&#x27;s name as plain text"),
    ],
    ids=["hidden characters", "markup"],
)
def test_a_category_name_the_service_refuses_is_shown_on_the_form(administrator, name, message):
    before = stored()
    response = administrator.post(
        "/system-admin/enquiries/category/add/", {"name": name, "active": "on", "position": "5"}
    )
    assert response.status_code == 200
    assert message in error_list(response)
    assert stored() == before


def test_renaming_a_category_is_checked_the_same_way(administrator, world):
    category = world.other_category
    before = stored()
    response = administrator.post(
        f"/system-admin/enquiries/category/{category.pk}/change/",
        {"name": f"Other{RLO}", "active": "on", "position": category.position},
    )
    assert response.status_code == 200
    assert f"The category&#x27;s name {DIRECTION}" in error_list(response)
    assert stored() == before


def test_a_portfolio_that_hides_text_is_shown_on_the_form(administrator, world):
    before = stored()
    response = administrator.post(
        "/system-admin/enquiries/portfoliolink/add/",
        {"service": world.waste.pk, "portfolio": f"{RLO}tnemnorivnE"},
    )
    assert response.status_code == 200
    assert f"The portfolio {DIRECTION}" in error_list(response)
    assert stored() == before


def test_a_good_category_is_saved_through_the_service(administrator):
    response = administrator.post(
        "/system-admin/enquiries/category/add/", {"name": "Libraries", "active": "on", "position": "95"}
    )
    assert response.status_code == 302
    assert Category.objects.filter(name="Libraries").exists()
    assert AuditEvent.objects.filter(action="enquiries.category_saved").count() == 1

"""The second factor on every way in: the site's sign-in, the administration's, the API (session and
token), and council single sign-on. A session that skipped the code its account needs is signed out,
wherever it goes."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.messages import get_messages
from django.core.cache import cache
from rest_framework.authtoken.models import Token

from nolan.accounts.models import User
from nolan.api.models import TokenIssue
from nolan.web.middleware import SIGNED_OUT
from tests.personas import PASSWORD, totp_code

LOGIN = "/account/login/"
ADMIN = "/system-admin/"
ME = "/api/v1/me/"
TOKEN = "/api/v1/token/"


@pytest.fixture(autouse=True)
def _fresh_throttle(db):
    cache.clear()
    yield
    cache.clear()


ADMIN_SECRET = "KRSXG5CTMVRXEZLUKN2XAZLSONSWG4TF"


@pytest.fixture
def administrator(db):
    """A system administrator (a Django superuser) with an authenticator app set up."""
    user = User.objects.create_superuser("admin@ashdown.test", PASSWORD, first_name="Alex", last_name="Admin")
    TOTP.activate(user, ADMIN_SECRET)
    return user


def admin_code() -> str:
    return totp_code(ADMIN_SECRET)


def password_only(client, user) -> None:
    """A session signed in with the password alone, as Django's own password check makes one (the
    administration's old sign-in page did just this)."""
    assert client.login(email=user.email, password=PASSWORD)


def signed_in_as(client):
    return client.session.get("_auth_user_id")


# The administration ----------------------------------------------------------------------------


def test_the_administration_s_sign_in_page_does_not_take_a_password_alone(client, administrator):
    start = client.get(ADMIN)
    assert start.status_code == 302
    assert start["Location"] == f"{ADMIN}login/?next={ADMIN}"

    credentials = {"username": administrator.email, "password": PASSWORD}
    response = client.post(f"{ADMIN}login/?next={ADMIN}", credentials)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={quote(ADMIN, safe='')}"
    assert signed_in_as(client) is None
    assert client.get(ADMIN)["Location"].startswith(f"{ADMIN}login/")


def test_the_administrator_signs_in_with_password_and_code_and_reaches_the_administration(
    client, administrator
):
    to_sign_in = client.get(f"{ADMIN}login/?next={ADMIN}")
    assert to_sign_in.status_code == 302
    assert to_sign_in["Location"].startswith(LOGIN)

    password = client.post(to_sign_in["Location"], {"login": administrator.email, "password": PASSWORD})
    assert password["Location"].startswith("/account/2fa/authenticate")
    assert signed_in_as(client) is None
    code = client.post(password["Location"], {"code": admin_code()})
    assert code.status_code == 302
    assert code["Location"] == ADMIN
    assert int(signed_in_as(client)) == administrator.pk

    page = client.get(ADMIN)
    assert page.status_code == 200
    assert "Nolan administration" in page.content.decode()
    assert client.get(f"{ADMIN}audit/auditevent/").status_code == 200


def test_someone_signed_in_without_the_right_to_administer_is_refused_not_sent_round_again(client, ashdown):
    client.force_login(ashdown.director)
    response = client.get(f"{ADMIN}login/?next={ADMIN}")
    assert response.status_code == 403


# A session that skipped the code ---------------------------------------------------------------


@pytest.mark.parametrize("path", [ADMIN, f"{ADMIN}audit/auditevent/", "/directory/", "/"])
def test_a_password_only_session_of_an_administrator_is_signed_out_of_every_page(client, administrator, path):
    password_only(client, administrator)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={quote(path, safe='')}"
    assert signed_in_as(client) is None
    assert [str(m) for m in get_messages(response.wsgi_request)] == [SIGNED_OUT]


def test_the_sign_in_page_tells_the_person_why_they_were_signed_out(client, ashdown):
    password_only(client, ashdown.director)
    page = client.get("/directory/", follow=True)
    assert page.redirect_chain[-1][0].startswith(LOGIN)
    text = page.content.decode()
    assert "Nolan has signed you out because your account needs the code from your authenticator app" in text
    assert 'class="govuk-notification-banner' in text


def test_a_password_only_session_cannot_use_the_api_or_create_a_token(client, administrator, ashdown):
    for user in (administrator, ashdown.director):
        password_only(client, user)
        me = client.get(ME)
        assert me.status_code == 401
        assert "did not use the code from your authenticator app" in me.json()["detail"]
        assert signed_in_as(client) is None

        password_only(client, user)
        refused = client.post(TOKEN)
        assert refused.status_code == 401
        assert "did not use the code from your authenticator app" in refused.json()["detail"]
        assert not Token.objects.filter(user=user).exists()


def test_setting_up_an_authenticator_signs_out_the_sessions_that_did_not_use_it(client, ashdown):
    """A councillor signed in with their password alone, then set up an app elsewhere: from then on
    their account needs the code, and the old session did not give it."""
    assert client.post(LOGIN, {"login": ashdown.councillor.email, "password": PASSWORD}).status_code == 302
    assert client.get("/").status_code == 200
    TOTP.activate(ashdown.councillor, "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U")
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert signed_in_as(client) is None


# The site's sign-in, with the code -------------------------------------------------------------


def test_a_sign_in_with_password_and_code_reaches_the_api_and_its_token_says_so(client, ashdown):
    password = client.post(LOGIN, {"login": ashdown.director.email, "password": PASSWORD})
    client.post(password["Location"], {"code": totp_code()})
    assert client.get(ME).json()["email"] == ashdown.director.email

    issued = client.post(TOKEN)
    assert issued.status_code == 201
    assert issued.json()["issued_with"] == {
        "sign_in_methods": ["password", "totp"],
        "second_factor": True,
        "description": "password and authenticator app code",
    }
    record = TokenIssue.objects.get(token__key=issued.json()["token"])
    assert (record.user, record.sign_in_methods, record.second_factor) == (
        ashdown.director,
        ["password", "totp"],
        True,
    )


def test_setting_up_the_authenticator_app_counts_as_using_it(client, transactional_db, ashdown):
    """Setting it up means giving a valid code from it. (Transactional: allauth announces the new
    authenticator once its transaction commits, while the request is still being answered.)"""
    ashdown.officer.authenticator_set.all().delete()
    client.force_login(ashdown.officer)  # the password alone: there is no app yet
    assert client.get("/")["Location"].startswith("/account/2fa/totp/activate/")

    confirm = client.get("/account/2fa/totp/activate/")
    assert confirm["Location"].startswith("/account/reauthenticate/")  # allauth: confirm it is you
    client.post(confirm["Location"], {"password": PASSWORD})
    assert client.get("/account/2fa/totp/activate/").status_code == 200
    secret = client.session["mfa.totp.secret"]
    activated = client.post("/account/2fa/totp/activate/", {"code": totp_code(secret)})
    assert activated.status_code == 302
    assert ashdown.officer.authenticator_set.filter(type="totp").exists()
    assert client.get("/").status_code == 200
    issued = client.post(TOKEN).json()
    assert issued["issued_with"]["sign_in_methods"] == ["password", "totp"]
    assert issued["issued_with"]["second_factor"] is True


def test_the_code_that_confirmed_the_authenticator_cannot_sign_in_again(client, ashdown):
    """Nolan accepts each code once: the one given to set the app up is used, as a sign-in's is."""
    ashdown.officer.authenticator_set.all().delete()
    client.force_login(ashdown.officer)  # the password alone: there is no app yet
    confirm = client.get("/account/2fa/totp/activate/")
    client.post(confirm["Location"], {"password": PASSWORD})
    client.get("/account/2fa/totp/activate/")
    secret = client.session["mfa.totp.secret"]
    code = totp_code(secret)
    assert client.post("/account/2fa/totp/activate/", {"code": code}).status_code == 302
    client.logout()

    asked = client.post(LOGIN, {"login": ashdown.officer.email, "password": PASSWORD})
    assert asked["Location"].startswith("/account/2fa/authenticate/")
    refused = client.post(asked["Location"], {"code": code})
    assert refused.status_code == 200
    assert signed_in_as(client) is None


# Council single sign-on ------------------------------------------------------------------------


def test_single_sign_on_asks_an_officer_for_their_code_too(client, ashdown, council_sso, sso_round_trip):
    """Single sign-on is a first factor: the identity provider's word that it asked for another is
    not taken (see nolan.accounts.second_factor)."""
    with council_sso(ashdown.director.email) as idp:
        response = sso_round_trip(client, idp)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/2fa/authenticate")
    assert signed_in_as(client) is None

    accepted = client.post(response["Location"], {"code": totp_code()})
    assert accepted.status_code == 302
    assert int(signed_in_as(client)) == ashdown.director.pk
    issued = client.post(TOKEN).json()
    assert issued["issued_with"]["sign_in_methods"] == ["single_sign_on", "totp"]
    assert issued["issued_with"]["description"] == "council single sign-on and authenticator app code"


def test_single_sign_on_alone_is_enough_for_a_councillor_without_an_app(
    client, ashdown, council_sso, sso_round_trip
):
    with council_sso(ashdown.councillor.email) as idp:
        sso_round_trip(client, idp)
    assert client.get("/").status_code == 200
    issued = client.post(TOKEN).json()
    assert issued["issued_with"] == {
        "sign_in_methods": ["single_sign_on"],
        "second_factor": False,
        "description": "council single sign-on",
    }

"""Signing in: passwords, the second factor for staff, throttling and council single sign-on."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from nolan.accounts.models import User
from tests.personas import PASSWORD, make_user, totp_code

LOGIN = "/account/login/"


@pytest.fixture(autouse=True)
def _fresh_throttle(db):
    cache.clear()
    yield
    cache.clear()


def sign_in(client, email, password=PASSWORD):
    return client.post(LOGIN, {"login": email, "password": password})


def test_a_councillor_signs_in_with_a_password_alone(client, ashdown):
    response = sign_in(client, ashdown.councillor.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_a_wrong_password_does_not_sign_in(client, ashdown):
    response = sign_in(client, ashdown.councillor.email, "not-the-password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_an_officer_must_give_the_code_from_their_authenticator(client, ashdown):
    response = sign_in(client, ashdown.director.email)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/2fa/authenticate")
    assert "_auth_user_id" not in client.session

    refused = client.post(response["Location"], {"code": "000000"})
    assert "_auth_user_id" not in client.session
    assert refused.status_code == 200

    accepted = client.post(response["Location"], {"code": totp_code()})
    assert accepted.status_code == 302
    assert int(client.session["_auth_user_id"]) == ashdown.director.pk


def test_staff_without_an_authenticator_must_set_one_up_before_anything_else(client, ashdown):
    ashdown.officer.authenticator_set.all().delete()
    client.force_login(ashdown.officer)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    api = client.get("/api/v1/me/")
    assert api.status_code == 403
    assert "authenticator" in api.json()["detail"]


def test_a_councillor_without_an_authenticator_is_not_forced_to_set_one_up(client, ashdown):
    client.force_login(ashdown.councillor)
    assert client.get(reverse("home")).status_code == 200


def test_repeated_failures_lock_the_account_for_a_while(client, ashdown):
    for _ in range(5):
        sign_in(client, ashdown.councillor.email, "guess-guess-guess")
    response = sign_in(client, ashdown.councillor.email)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_nobody_can_sign_themselves_up(client, db):
    client.post(
        "/account/signup/", {"email": "stranger@example.com", "password1": "x" * 16, "password2": "x" * 16}
    )
    assert not User.objects.filter(email="stranger@example.com").exists()


def test_session_cookie_is_http_only_and_ends_with_the_browser(client, ashdown):
    response = sign_in(client, ashdown.councillor.email)
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["expires"]


# Council single sign-on (the identity provider is in conftest.py) -------------------------------


def test_the_login_page_offers_the_councils_single_sign_on(client, db, council_sso):
    council_sso("nobody@ashdown.test")
    page = client.get(LOGIN).content.decode()
    assert "Ashdown staff account" in page


def test_single_sign_on_signs_in_a_person_the_directory_knows(client, ashdown, council_sso, sso_round_trip):
    with council_sso(ashdown.councillor.email) as idp:
        sso_round_trip(client, idp)
    assert int(client.session["_auth_user_id"]) == ashdown.councillor.pk
    assert idp.token_requests and idp.token_requests[0]["code"] == ["code-1"]
    assert "code_verifier" in idp.token_requests[0]


def test_single_sign_on_does_not_create_accounts_for_strangers(client, db, council_sso, sso_round_trip):
    make_user("someone@ashdown.test", "Some", "One", second_factor=False)
    with council_sso("stranger@elsewhere.test") as idp:
        sso_round_trip(client, idp)
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email="stranger@elsewhere.test").exists()

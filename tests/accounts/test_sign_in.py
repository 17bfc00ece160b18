"""Signing in: passwords, the second factor for staff, throttling and council single sign-on."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
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


# Council single sign-on ------------------------------------------------------------------------
class IdentityProvider:
    """A small OpenID Connect provider on localhost standing in for the council's (e.g. Entra ID)."""

    client_id = "nolan-test-client"

    def __init__(self, email: str):
        self.email = email
        self.token_requests: list[dict] = []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, body):
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                if self.path.startswith("/.well-known/openid-configuration"):
                    self._json(provider.discovery())
                elif self.path.startswith("/userinfo"):
                    self._json({"sub": "entra-123", "email": provider.email, "email_verified": True})
                else:
                    self.send_error(404)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = parse_qs(self.rfile.read(length).decode())
                provider.token_requests.append(form)
                now = int(time.time())
                claims = {
                    "iss": provider.issuer,
                    "sub": "entra-123",
                    "aud": provider.client_id,
                    "iat": now,
                    "exp": now + 300,
                    "email": provider.email,
                }
                id_token = jwt.encode(claims, "provider-signing-key-for-tests-only-000000", algorithm="HS256")
                self._json({"access_token": "access-1", "token_type": "Bearer", "id_token": id_token})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def discovery(self):
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
        }

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def council_sso(settings):
    def configure(email):
        idp = IdentityProvider(email)
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {
                "OAUTH_PKCE_ENABLED": True,
                "APPS": [
                    {
                        "provider_id": "council",
                        "name": "Ashdown staff account",
                        "client_id": idp.client_id,
                        "secret": "client-secret",
                        "settings": {"server_url": idp.issuer},
                    }
                ],
            }
        }
        return idp

    return configure


def _sso_round_trip(client, idp):
    start = client.post("/account/oidc/council/login/")
    assert start.status_code == 302
    authorize = urlparse(start["Location"])
    assert f"{authorize.scheme}://{authorize.netloc}{authorize.path}" == f"{idp.issuer}/authorize"
    query = parse_qs(authorize.query)
    assert query["client_id"] == [idp.client_id]
    assert query["code_challenge_method"] == ["S256"]
    return client.get("/account/oidc/council/login/callback/", {"code": "code-1", "state": query["state"][0]})


def test_the_login_page_offers_the_councils_single_sign_on(client, db, council_sso):
    council_sso("nobody@ashdown.test")
    page = client.get(LOGIN).content.decode()
    assert "Ashdown staff account" in page


def test_single_sign_on_signs_in_a_person_the_directory_knows(client, ashdown, council_sso):
    with council_sso(ashdown.councillor.email) as idp:
        _sso_round_trip(client, idp)
    assert int(client.session["_auth_user_id"]) == ashdown.councillor.pk
    assert idp.token_requests and idp.token_requests[0]["code"] == ["code-1"]
    assert "code_verifier" in idp.token_requests[0]


def test_single_sign_on_does_not_create_accounts_for_strangers(client, db, council_sso):
    make_user("someone@ashdown.test", "Some", "One", second_factor=False)
    with council_sso("stranger@elsewhere.test") as idp:
        _sso_round_trip(client, idp)
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email="stranger@elsewhere.test").exists()

"""Fixtures for signing in: the council's identity provider for single sign-on."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
import pytest


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


@pytest.fixture
def sso_round_trip():
    """``sso_round_trip(client, idp)``: sign in through the council's identity provider, from Nolan's
    button to the provider's answer at Nolan's callback (which the function returns)."""
    return _round_trip


def _round_trip(client, idp):
    start = client.post("/account/oidc/council/login/")
    assert start.status_code == 302
    authorize = urlparse(start["Location"])
    assert f"{authorize.scheme}://{authorize.netloc}{authorize.path}" == f"{idp.issuer}/authorize"
    query = parse_qs(authorize.query)
    assert query["client_id"] == [idp.client_id]
    assert query["code_challenge_method"] == ["S256"]
    return client.get("/account/oidc/council/login/callback/", {"code": "code-1", "state": query["state"][0]})

"""The caller's own account over the API: their capacities, and the API token they create and revoke."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import PermissionDenied
from django.test import Client
from rest_framework.authtoken.models import Token

from nolan.accounts.second_factor import SignIn
from nolan.api import tokens
from nolan.api.authentication import REFUSED
from nolan.audit.models import AuditEvent
from nolan.directory import models as d
from tests.personas import TOTP_SECRET, make_user

V1 = "/api/v1"
TOKEN = f"{V1}/token/"


def with_token(key: str) -> Client:
    """A fresh client with no session, sending only the token."""
    return Client(headers={"Authorization": f"Token {key}"})


# Who am I -------------------------------------------------------------------------------------------


def test_a_cabinet_member_sees_their_capacities_and_member_record(api, ashdown):
    body = api(ashdown.cabinet_member).get(f"{V1}/me/").json()
    assert body["name"] == "Priya Shah"
    assert body["capacities"] == ["Elected councillor"]
    assert body["can_read_directory"] is True
    assert body["can_maintain_directory"] is False
    assert body["member"]["roles"][0]["label"] == "Cabinet or Executive Member"
    assert [w["name"] for w in body["member"]["wards"]] == ["Eastgate"]
    assert body["officer"] is None


def test_member_services_sees_their_post_role_and_own_personnel_details(api, ashdown):
    body = api(ashdown.member_services).get(f"{V1}/me/").json()
    assert body["capacities"] == ["Member Services Manager", "Member Services"]
    assert body["access_roles"] == [{"value": "member_services", "label": "Member Services"}]
    assert body["can_maintain_directory"] is True
    assert body["member"] is None
    assert body["officer"]["post"]["title"] == "Member Services Manager"
    assert body["officer"]["post"]["line_manager"]["name"] == "Grace Adeyemi"
    assert body["officer"]["personnel"]["employment_type"]["value"] == "employee"


def test_the_monitoring_officer_is_named_as_such(api, ashdown):
    body = api(ashdown.monitoring_officer).get(f"{V1}/me/").json()
    assert body["capacities"][0] == "Monitoring Officer"


def test_a_former_councillor_holds_no_capacity(api, ashdown):
    body = api(ashdown.former_councillor).get(f"{V1}/me/").json()
    assert body["capacities"] == []
    assert body["primary_capacity"] == "Signed in"
    assert body["can_read_directory"] is False
    assert body["member"] is None and body["officer"] is None


# API tokens -----------------------------------------------------------------------------------------


def test_a_signed_in_councillor_creates_a_token_and_uses_it_from_a_fresh_client(api, ashdown):
    web = api(ashdown.councillor)
    assert web.get(TOKEN).json() == {"has_token": False, "created": None, "issued_with": None}

    response = web.post(TOKEN)
    assert response.status_code == 201
    key = response.json()["token"]
    assert "will not show it again" in response.json()["detail"]

    elsewhere = with_token(key)
    members = elsewhere.get(f"{V1}/members/")
    assert members.status_code == 200
    assert members.json()["count"] == 5
    assert elsewhere.get(f"{V1}/me/").json()["email"] == "aisha.rahman@ashdown.test"
    status = web.get(TOKEN).json()
    assert status["has_token"] is True
    assert status["issued_with"] == {
        "sign_in_methods": ["password"],
        "second_factor": False,
        "description": "password",
    }
    assert "token" not in status  # shown once, at creation only


def test_an_officer_s_token_works_without_a_session_second_factor(api, ashdown):
    """The second factor was needed to sign in on the web and create the token, not to use it."""
    web = api(ashdown.officer)
    key = web.post(TOKEN).json()["token"]
    assert with_token(key).get(f"{V1}/officers/").json()["count"] == 7
    assert web.get(TOKEN).json()["issued_with"]["sign_in_methods"] == ["password", "totp"]


def test_a_token_issued_without_a_record_of_the_second_factor_stops_working(ashdown):
    """Tokens issued before Nolan recorded how: an officer's (whose account needs the code) is refused,
    a councillor's without an authenticator app goes on working."""
    officers = with_token(Token.objects.create(user=ashdown.officer).key)
    refused = officers.get(f"{V1}/officers/")
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"] == "Token"
    assert refused.json() == {"detail": REFUSED, "errors": {}}
    assert "authenticator app" in REFUSED and "create a new token" in REFUSED

    councillors = with_token(Token.objects.create(user=ashdown.councillor).key)
    assert councillors.get(f"{V1}/members/").status_code == 200


def test_a_councillor_s_token_stops_working_once_they_set_up_an_authenticator_app(api, ashdown):
    key = api(ashdown.councillor).post(TOKEN).json()["token"]
    assert with_token(key).get(f"{V1}/members/").status_code == 200
    TOTP.activate(ashdown.councillor, TOTP_SECRET)
    assert with_token(key).get(f"{V1}/members/").json() == {"detail": REFUSED, "errors": {}}


def test_a_token_is_not_issued_to_a_sign_in_without_the_second_factor_its_account_needs(ashdown):
    password_alone = SignIn(methods=("password",), second_factor=False)
    with pytest.raises(PermissionDenied, match="authenticator app"):
        tokens.token_issue(user=ashdown.director, sign_in=password_alone)
    assert not Token.objects.filter(user=ashdown.director).exists()
    assert not AuditEvent.objects.filter(action="api.token.issued").exists()
    assert tokens.token_issue(user=ashdown.councillor, sign_in=password_alone)


def test_revoking_a_token_makes_it_stop_working(api, ashdown):
    web = api(ashdown.councillor)
    key = web.post(TOKEN).json()["token"]
    assert web.delete(TOKEN).status_code == 204
    response = with_token(key).get(f"{V1}/members/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token.", "errors": {}}
    assert web.delete(TOKEN).json() == {"detail": "You have no API token to revoke.", "errors": {}}


def test_a_token_can_revoke_itself_but_cannot_create_another(api, ashdown):
    key = api(ashdown.councillor).post(TOKEN).json()["token"]
    client = with_token(key)
    refused = client.post(TOKEN)
    assert refused.status_code == 403
    assert "signed in to Nolan in your browser" in refused.json()["detail"]
    assert Token.objects.get(user=ashdown.councillor).key == key  # unchanged
    assert client.delete(TOKEN).status_code == 204
    assert client.get(f"{V1}/members/").json() == {"detail": "Invalid token.", "errors": {}}


def test_a_new_token_replaces_the_old_one(api, ashdown):
    web = api(ashdown.councillor)
    old = web.post(TOKEN).json()["token"]
    new = web.post(TOKEN).json()["token"]
    assert old != new
    assert with_token(old).get(f"{V1}/members/").json() == {"detail": "Invalid token.", "errors": {}}
    assert with_token(new).get(f"{V1}/members/").status_code == 200


def test_anonymous_callers_cannot_create_a_token(client, ashdown):
    response = client.post(TOKEN)
    assert response.status_code in (401, 403)
    assert response.json() == {"detail": "Authentication credentials were not provided.", "errors": {}}
    assert not Token.objects.exists()
    assert client.delete(TOKEN).status_code in (401, 403)


def test_an_officer_without_an_authenticator_app_cannot_create_a_token(client, ashdown):
    """Staff must have set up their second factor before the web session reaches the API."""
    user = make_user("new.starter@ashdown.test", "Nia", "Starter", second_factor=False)
    officer = d.Officer.objects.create(user=user, first_name="Nia", last_name="Starter", email=user.email)
    d.Post.objects.create(officer=officer, title="Graduate Trainee", service=ashdown.housing)
    client.force_login(user)
    response = client.post(TOKEN)
    assert response.status_code == 403
    assert "authenticator app" in response.json()["detail"]
    assert not Token.objects.filter(user=user).exists()


def test_issuing_and_revoking_are_audited_without_the_token(api, ashdown):
    web = api(ashdown.member_services)
    key = web.post(TOKEN).json()["token"]
    web.post(TOKEN)
    web.delete(TOKEN)
    events = list(AuditEvent.objects.filter(action__startswith="api.token."))
    assert {(e.actor_id, e.capacity) for e in events} == {
        (ashdown.member_services.pk, "Member Services Manager")
    }
    issued_with = {"sign_in_methods": ["password", "totp"], "second_factor": True}
    assert [(e.action, e.extra) for e in events] == [
        ("api.token.issued", {"replaced_earlier_token": False, **issued_with}),
        ("api.token.issued", {"replaced_earlier_token": True, **issued_with}),
        ("api.token.revoked", {}),
    ]
    assert {(e.target_type, e.target_id) for e in events} == {
        ("accounts.user", str(ashdown.member_services.pk))
    }
    for event in events:
        assert key not in repr(event.__dict__)


def test_whoever_runs_the_system_cannot_read_anyone_s_token(api, ashdown):
    """A token is the councillor's or officer's own key to the API: with it, an administrator could
    read their enquiries as them."""
    key = api(ashdown.councillor).post(TOKEN).json()["token"]
    administrator = make_user("it@ashdown.test", "Ida", "Tech", second_factor=True)
    administrator.is_staff = administrator.is_superuser = True
    administrator.save(update_fields=["is_staff", "is_superuser"])
    client = Client()
    client.force_login(administrator)
    index = client.get("/system-admin/")
    assert index.status_code == 200
    assert "authtoken" not in index.content.decode()
    for page in ("/system-admin/authtoken/tokenproxy/", f"/system-admin/authtoken/tokenproxy/{key}/change/"):
        response = client.get(page)
        assert response.status_code in (302, 404)
        assert key not in response.content.decode()

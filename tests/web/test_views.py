"""The page frame, the home pages and the public pages, as each persona meets them."""

from __future__ import annotations

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from nolan.web.views import csrf_failure, server_error
from tests.personas import PASSWORD, make_user


def home_of(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def heading(html: str) -> str:
    return text_of(re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).strip()


# Home pages --------------------------------------------------------------------------------------


def test_a_councillor_sees_their_ward_group_and_capacity(client, ashdown):
    page = home_of(client, ashdown.councillor)
    assert heading(page) == "Cllr Aisha Rahman"
    text = text_of(page)
    assert "You are signed in as Elected councillor" in text
    assert "Ward Eastgate" in text
    assert "Political group Riverside Labour Group (administration)" in text
    assert "Cllr Aisha Rahman, Elected councillor" in text  # in the header, on every page


def test_the_opposition_leader_sees_their_group_office(client, ashdown):
    text = text_of(home_of(client, ashdown.opposition_leader))
    assert "Ward Westmarsh" in text
    assert "Political group Ashdown Independents Group (opposition)" in text
    assert "Group office Group leader, Ashdown Independents Group" in text


def test_a_cabinet_member_sees_their_portfolio(client, ashdown):
    assert "Cabinet or Executive Member for Housing" in text_of(home_of(client, ashdown.cabinet_member))


def test_an_officer_sees_their_post_service_and_directorate(client, ashdown):
    page = home_of(client, ashdown.officer)
    assert heading(page) == "Sam Lee"
    text = text_of(page)
    assert "Post Housing Officer" in text
    assert "Service Housing Management" in text
    assert "Directorate Place" in text
    assert "As a Member" not in text


def test_the_member_enquiries_team_see_their_permission(client, ashdown):
    text = text_of(home_of(client, ashdown.member_enquiries))
    assert "Post Member Enquiries Officer" in text
    assert "Member Enquiries team" in text


def test_a_director_sees_their_directorate(client, ashdown):
    text = text_of(home_of(client, ashdown.director))
    assert "You are signed in as Director of Place" in text
    assert "Directorate Place" in text
    assert "Service " not in text.split("As an officer", 1)[1].split("What needs your attention")[0]


def test_the_monitoring_officer_is_named_as_such(client, ashdown):
    text = text_of(home_of(client, ashdown.monitoring_officer))
    assert "You are signed in as Monitoring Officer and Director of Law and Governance" in text
    assert "Statutory role Monitoring Officer" in text
    assert "Grace Adeyemi, Monitoring Officer" in text  # the header


def test_the_chief_executive_is_named_as_such(client, ashdown):
    text = text_of(home_of(client, ashdown.chief_executive))
    assert "You are signed in as Chief Executive" in text
    assert "Statutory role Head of Paid Service" in text


@pytest.mark.parametrize(
    "persona", ["councillor", "opposition_leader", "member_enquiries", "director", "chief_executive"]
)
def test_nothing_needs_attention_yet_and_no_numbers_are_made_up(client, ashdown, persona):
    page = home_of(client, getattr(ashdown, persona))
    text = text_of(page)
    assert "What needs your attention" in text
    assert "Nothing needs your attention at the moment." in text


def test_a_former_councillor_is_told_they_hold_no_place(client, ashdown):
    text = text_of(home_of(client, ashdown.former_councillor))
    assert "Your account does not hold a place in the council" in text
    assert "What needs your attention" not in text
    assert "Ward " not in text


# Signing in --------------------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_sign_in(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/"


def test_the_sign_in_page_is_govuk_and_offers_no_sign_up(client, db):
    page = client.get(reverse("account_login")).content.decode()
    assert "govuk-generic-header" in page
    assert '<label class="govuk-label" for="id_login">' in page
    assert "placeholder" not in page
    assert reverse("account_signup") not in page
    assert "sign up" not in page.lower()


def test_single_sign_on_is_offered_as_a_button_that_posts(client, db, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "council",
                    "name": "Ashdown staff account",
                    "client_id": "nolan",
                    "secret": "s",
                    "settings": {"server_url": "http://127.0.0.1:9/"},
                }
            ]
        }
    }
    page = client.get(reverse("account_login")).content.decode()
    form = re.search(
        r'<form method="post" action="/account/oidc/council/login/[^"]*">(.*?)</form>', page, re.S
    )
    assert form and "Sign in with your Ashdown staff account" in form.group(1)


def test_people_who_try_to_sign_up_are_told_who_sets_up_accounts(client, db):
    text = text_of(client.get(reverse("account_signup")).content.decode())
    assert "You cannot create an account here" in text
    assert "Member Services set up accounts" in text


def test_a_wrong_password_shows_an_error_summary_linked_to_the_field(client, ashdown):
    response = client.post(reverse("account_login"), {"login": ashdown.councillor.email, "password": "nope"})
    page = response.content.decode()
    assert "<title>Error: Sign in" in page
    assert 'class="govuk-error-summary"' in page
    assert re.search(r'<a href="#id_login">[^<]*not correct', page)


def test_a_missing_field_is_marked_on_the_field_itself(client, db):
    page = client.post(reverse("account_login"), {"login": "", "password": ""}).content.decode()
    assert '<a href="#id_password">' in page
    assert 'id="id_password_error"' in page
    assert '<span class="govuk-visually-hidden">Error:</span>' in page
    password_input = re.search(r"<input[^>]*id=\"id_password\"[^>]*>", page).group(0)
    assert "govuk-input--error" in password_input
    assert 'aria-describedby="id_password_error"' in password_input


def test_staff_setting_up_an_authenticator_see_the_key_as_text(client, ashdown):
    ashdown.officer.authenticator_set.all().delete()
    signed_in = client.post(reverse("account_login"), {"login": ashdown.officer.email, "password": PASSWORD})
    assert client.get(signed_in["Location"])["Location"].startswith(reverse("mfa_activate_totp"))
    # allauth asks for the password again before an authenticator is added (see the e2e journey).
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp")).content.decode()
    assert "Set up your authenticator app" in page
    assert 'src="data:image/svg+xml;base64,' in page
    secret = re.search(r'id="authenticator-key">.*?</span>([A-Z2-7 ]+)</p>', page, re.S).group(1)
    assert len(secret.replace(" ", "")) >= 16


# Navigation --------------------------------------------------------------------------------------


def nav_items(page: str) -> list[str]:
    nav = re.search(r'<ul class="govuk-service-navigation__list".*?</ul>', page, re.S).group(0)
    return [text_of(item).strip() for item in re.findall(r"<a [^>]*>(.*?)</a>", nav, re.S)]


def test_a_councillor_is_offered_their_enquiries_the_protocol_the_directory_and_working_days(client, ashdown):
    items = nav_items(home_of(client, ashdown.councillor))
    assert items == ["Home", "Enquiries", "Protocol", "Directory", "Working days"]


def test_an_officer_is_also_offered_the_api_documentation(client, ashdown):
    assert nav_items(home_of(client, ashdown.officer)) == [
        "Home",
        "Enquiries",
        "Protocol",
        "Directory",
        "Working days",
        "API documentation",
    ]


def test_someone_outside_the_council_is_offered_only_home(client, db):
    outsider = make_user("visitor@ashdown.test", "Vic", "Itor", second_factor=False)
    assert nav_items(home_of(client, outsider)) == ["Home"]


def test_only_a_superuser_is_offered_administration(client, db):
    admin = make_user("it@ashdown.test", "Ida", "Tech", second_factor=True)
    admin.is_superuser = admin.is_staff = True
    admin.save()
    assert "Administration" in nav_items(home_of(client, admin))


def test_staff_who_must_set_up_an_authenticator_are_offered_nothing_else(client, ashdown):
    ashdown.director.authenticator_set.all().delete()
    client.force_login(ashdown.director)
    page = client.get(reverse("accessibility")).content.decode()
    assert nav_items(page) == []
    assert "Sign out" in page


def test_signing_in_adds_no_message_the_header_already_says_who_you_are(client, ashdown):
    client.post(reverse("account_login"), {"login": ashdown.councillor.email, "password": PASSWORD})
    page = client.get(reverse("home")).content.decode()
    assert "govuk-notification-banner" not in page


def test_someone_with_no_place_is_not_offered_the_directory(client, ashdown):
    assert nav_items(home_of(client, ashdown.former_councillor)) == ["Home"]


def test_the_current_page_is_marked(client, ashdown):
    page = home_of(client, ashdown.councillor)
    assert re.search(r'href="/" aria-current="page">\s*<strong', page)


def test_sign_out_is_a_form_that_posts(client, ashdown):
    page = home_of(client, ashdown.councillor)
    assert re.search(r'<form class="nolan-sign-out" method="post" action="/account/logout/">', page)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_messages_are_shown_once_as_notification_banners(ashdown, client):
    client.force_login(ashdown.member_services)
    page = client.post(reverse("directory:ward_add"), {"name": "Northfield", "seats": 3}, follow=True).text
    assert page.count("govuk-notification-banner--success") == 1
    assert "Northfield" in text_of(
        re.search(r"govuk-notification-banner__heading.*?</p>", page, re.S).group(0)
    )


# Public pages and errors -------------------------------------------------------------------------


def test_the_accessibility_statement_is_public(client, db):
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    text = text_of(response.content.decode())
    assert "WCAG" in text and "2.2" in text and "AA" in text
    assert "Reporting accessibility problems" in text


def test_every_page_links_to_the_accessibility_statement(client, ashdown):
    assert f'href="{reverse("accessibility")}"' in home_of(client, ashdown.councillor)


def test_the_page_not_found_page_is_govuk_styled(client, ashdown):
    client.force_login(ashdown.councillor)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "govuk-template__body" in page
    assert heading(page) == "Page not found"
    assert "London Borough of Ashdown" in page


def test_the_server_error_page_does_not_need_the_request(db):
    request = RequestFactory().get("/")
    response = server_error(request)
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_the_council_name_heads_every_page_and_there_is_no_crown(client, ashdown):
    page = client.get(reverse("accessibility")).content.decode()
    header = re.search(r"<header.*?</header>", page, re.S).group(0)
    assert re.search(r'class="govuk-generic-header__homepage-link">London Borough of Ashdown</a>', header)
    assert "crown" not in page.lower()
    assert "GOV.UK" not in header


def test_a_stale_form_is_explained_in_plain_words(client, ashdown, settings):
    settings.CSRF_FAILURE_VIEW = "nolan.web.views.csrf_failure"
    strict = type(client)(enforce_csrf_checks=True)
    response = strict.post(
        reverse("account_login"), {"login": ashdown.councillor.email, "password": PASSWORD}
    )
    assert response.status_code == 403
    assert heading(response.content.decode()) == "Sorry, we could not accept that form"
    assert csrf_failure(RequestFactory().post("/")).status_code == 403

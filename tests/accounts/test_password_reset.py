"""The password reset e-mail: its link is a full address on the site's own (NOLAN_SITE_URL), whatever
host the request named, and opens the page to choose a new password."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from tests.links import SITE, bare_paths_in, links_in, on_the_site, open_link


@pytest.fixture(autouse=True)
def _fresh_throttle(db):
    cache.clear()  # allauth counts reset requests in the cache
    yield
    cache.clear()


def test_the_reset_link_is_on_the_sites_address_and_opens_the_new_password_page(ashdown, client, settings):
    on_the_site(settings)
    # Asked on another host Nolan answers to: the link is still on the site's address.
    response = client.post(reverse("account_reset_password"), {"email": ashdown.councillor.email})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [ashdown.councillor.email]
    [link] = links_in(message.body)
    assert link.startswith(f"{SITE}/account/password/reset/key/")
    assert bare_paths_in(message.body) == []

    page = open_link(client, link, follow=True)
    assert page.status_code == 200
    assert "Choose a new password" in page.content.decode()
    assert "This link has expired" not in page.content.decode()


def test_an_address_with_no_account_is_sent_nothing(db, client, settings):
    """As the page says: only an address that belongs to an account is e-mailed a link. (allauth would
    otherwise invite it to sign up, which Nolan does not allow, on a link to the request's host.)"""
    on_the_site(settings)
    response = client.post(reverse("account_reset_password"), {"email": "stranger@example.com"})
    assert response.status_code == 302  # the same answer as for an account: no one learns which exist
    assert mail.outbox == []

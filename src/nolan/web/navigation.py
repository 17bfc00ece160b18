"""The page frame's service navigation: which items a person sees, from the capacities they hold.

An item is shown only to the people who may use it, so nobody is offered a page that refuses them.
A page another part of Nolan has not installed yet (its URL name does not resolve) is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from nolan.accounts import second_factor
from nolan.accounts.models import AccessRole
from nolan.directory import selectors
from nolan.directory.capacities import Capacities, capacities_of


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    current: str | None = None  # "page" when this is the page, "true" when inside its section


@dataclass(frozen=True)
class _Entry:
    text: str
    url_name: str
    section: str  # the URL namespace (or URL name) whose pages count as inside this item
    shown_to: Callable[[object, Capacities], bool]


def _reads_directory(user, caps: Capacities) -> bool:
    return selectors.can_read_directory(user)


def _uses_enquiries(user, caps: Capacities) -> bool:
    return caps.is_member or caps.is_officer or caps.has_role(AccessRole.MEMBER_ENQUIRIES)


_ENTRIES = [
    _Entry("Home", "home", "home", lambda user, caps: True),
    _Entry("Enquiries", "enquiries:index", "enquiries", _uses_enquiries),
    _Entry("Protocol", "protocols:index", "protocols", _reads_directory),
    _Entry("Directory", "directory:index", "directory", _reads_directory),
    _Entry("Working days", "calendar:index", "calendar", _reads_directory),
    # The API serves council systems and the staff who connect them, not Members' daily work.
    _Entry("API documentation", "api-docs", "api-docs", lambda user, caps: caps.is_staff_role),
    _Entry("Administration", "admin:index", "admin", lambda user, caps: user.is_superuser),
]


def capacities_of_request(request) -> Capacities:
    caps = getattr(request, "capacities", None)
    return caps if caps is not None else capacities_of(request.user)


def navigation_for(request) -> list[NavItem]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    caps = capacities_of_request(request)
    if second_factor.must_set_up(user):
        # Until they set up their authenticator app nolan.web.middleware lets them reach nothing
        # else, so the frame offers nothing else either.
        return []
    match = getattr(request, "resolver_match", None)
    here = match.view_name if match else ""
    namespace = match.namespace if match else ""
    items = []
    for entry in _ENTRIES:
        if not entry.shown_to(user, caps):
            continue
        try:
            href = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        if here == entry.url_name:
            current = "page"
        elif entry.section in (namespace, here):
            current = "true"
        else:
            current = None
        items.append(NavItem(entry.text, href, current))
    return items


def display_name(user, caps: Capacities) -> str:
    """How the frame names a person: a Member by their title and name ("Cllr Aisha Rahman")."""
    if caps.member is not None:
        return str(caps.member)
    return user.get_full_name() or user.email

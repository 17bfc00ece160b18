"""``nolan check --deploy``: the site's address, on which every link in Nolan's e-mails is built
(``nolan.core.links``), is one a reader can follow: https, scheme and host only, and a host Nolan
answers to."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.http.request import split_domain_port, validate_host

EXAMPLE = "https://nolan.example.gov.uk"


@register(Tags.security, deploy=True)
def check_site_url(app_configs=None, **kwargs) -> list[Error]:
    address = settings.NOLAN_SITE_URL or ""
    if not address:
        return [
            Error(
                "NOLAN_SITE_URL is not set: the links in Nolan's e-mails would have no address to open.",
                hint=f"Set NOLAN_SITE_URL to the address Nolan is served at, e.g. {EXAMPLE}.",
                id="core.E001",
            )
        ]
    try:
        parts = urlsplit(address)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if (
        parts is None
        or parts.scheme != "https"
        or not host
        or parts.path not in ("", "/")
        or (parts.query or parts.fragment or parts.username or parts.password)
    ):
        return [
            Error(
                f"NOLAN_SITE_URL is {address!r}: the links in Nolan's e-mails need an https address "
                "with only the scheme and the host (and a port, if it has one).",
                hint=f"e.g. NOLAN_SITE_URL={EXAMPLE}",
                id="core.E002",
            )
        ]
    domain, _port = split_domain_port(parts.netloc.lower())  # as Django reads a request's Host
    if not validate_host(domain, settings.ALLOWED_HOSTS):
        return [
            Error(
                f"NOLAN_SITE_URL's host {parts.netloc!r} is not in ALLOWED_HOSTS: Nolan would refuse "
                "every link in its own e-mails.",
                hint=f"Add {host!r} to ALLOWED_HOSTS, or correct NOLAN_SITE_URL.",
                id="core.E003",
            )
        ]
    return []

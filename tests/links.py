"""Reading the links in an e-mail as its reader would: every address in the text, and any bare path
(a link no one can open from an inbox)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: The site's address in these tests: not the test client's ``testserver``, so a link built from the
#: request's host rather than the setting shows.
SITE = "https://nolan.ashdown.gov.uk"

ADDRESS = re.compile(r"[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)
BARE_PATH = re.compile(r"(?:^|\s)(/\S*)", re.MULTILINE)


def links_in(text: str) -> list[str]:
    return ADDRESS.findall(text)


def bare_paths_in(text: str) -> list[str]:
    return BARE_PATH.findall(text)


def on_the_site(settings) -> None:
    """Serve the test on SITE: the setting links are built on, and a host the test client may use."""
    settings.NOLAN_SITE_URL = SITE
    settings.ALLOWED_HOSTS = [urlsplit(SITE).hostname, "testserver"]


def open_link(client, url: str, **extra):
    """GET a link from an e-mail as a browser would: its path, on its host, over https."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return client.get(path, HTTP_HOST=parts.netloc, secure=parts.scheme == "https", **extra)

"""Links in what Nolan sends out: full addresses on the site's own, never bare paths.

A page's links can be paths, as the browser knows where it is. An e-mail is read in an inbox, so every
link in one is ``NOLAN_SITE_URL`` followed by the path Django reverses for the view: never the address
a request happened to come in on, and the same whether a step runs in a web request, the API, a
command or the worker.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute_url(viewname: str, *args, **kwargs) -> str:
    """The full address of a page, e.g. ``absolute_url("enquiries:detail", "ME-2026-000129")`` is
    ``https://nolan.example.gov.uk/enquiries/ME-2026-000129/``. Positional arguments and keyword
    arguments fill the URL pattern as ``reverse``'s ``args`` and ``kwargs`` do."""
    return settings.NOLAN_SITE_URL.rstrip("/") + reverse(viewname, args=args or None, kwargs=kwargs or None)

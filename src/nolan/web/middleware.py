"""What every response Nolan's views give must say to browsers and proxies."""

from __future__ import annotations

from django.utils.cache import patch_cache_control


def no_store(get_response):
    """Every response from a view is ``Cache-Control: no-store``.

    Pages and API answers show what only their reader may see (an enquiry, a resident's details, a
    Member's record), and exports and attachments are files of the same: a browser must not keep a
    copy on disk, or show one from its history after sign-out, and a shared proxy must never give one
    person's page to another. One rule for every response is simpler and safer than deciding page by
    page what is confidential; the sign-in and accessibility pages lose nothing by it. Static files are
    served by WhiteNoise before this middleware and are cached as usual.
    """

    def middleware(request):
        response = get_response(request)
        patch_cache_control(response, no_store=True)
        return response

    return middleware

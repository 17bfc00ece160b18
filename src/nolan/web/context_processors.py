"""What every page's frame needs: the council's name, the navigation and who is signed in."""

from __future__ import annotations

from django.conf import settings

from nolan.directory.selectors import the_council
from nolan.web.navigation import capacities_of_request, display_name, navigation_for


def service_name() -> str:
    """What the council calls this service (the setting NOLAN_SERVICE_NAME)."""
    return settings.NOLAN_SERVICE_NAME


def frame(request):
    council = the_council()
    context = {
        "council": council,
        "council_name": council.name if council else "Nolan",
        "service_name": service_name(),
        "navigation": navigation_for(request),
        "signed_in_as": None,
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        caps = capacities_of_request(request)
        context["signed_in_as"] = {"name": display_name(user, caps), "capacity": caps.primary}
    return context

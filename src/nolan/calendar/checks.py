"""``nolan check`` (and every command that runs the checks, such as ``nolan migrate``):
NOLAN_BANK_HOLIDAY_REGION names a region whose bank holidays Nolan knows, so a mistyped value is
refused when Nolan is set up rather than when a due date is first worked out with it."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register

from nolan.calendar.working_days import REGIONS


@register()
def check_bank_holiday_region(app_configs=None, **kwargs) -> list[Error]:
    region = settings.NOLAN_BANK_HOLIDAY_REGION
    if region in REGIONS:
        return []
    return [
        Error(
            f"NOLAN_BANK_HOLIDAY_REGION is {region!r}, a region whose bank holidays Nolan does not know.",
            hint=f"Use one of: {', '.join(REGIONS)}.",
            id="nolan_calendar.E001",
        )
    ]

"""``nolan check --deploy``: the cache that sign-in throttling and one-time codes rely on is shared.

allauth counts failed sign-ins, and remembers the authenticator codes already used, in Django's
default cache. A cache kept in each server process's memory counts each process apart: with two
processes, ten wrong passwords get through before a lock-out set at five, and a code used in one
process is accepted again in another. Nolan's default is the database cache; CACHE_URL may choose
another shared one (such as Redis).
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

PER_PROCESS = {
    "django.core.cache.backends.locmem.LocMemCache": "kept in each server process's memory",
    "django.core.cache.backends.dummy.DummyCache": "a dummy that keeps nothing",
}


@register(Tags.caches, Tags.security, deploy=True)
def check_shared_cache(app_configs=None, **kwargs) -> list[Error]:
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PER_PROCESS:
        return []
    return [
        Error(
            f"The cache ({backend}) is {PER_PROCESS[backend]}: sign-in throttling and the refusal of "
            "an authenticator code used once already would count each server process apart.",
            hint=(
                "Leave CACHE_URL unset to use the database cache (created by 'nolan migrate'), or set it "
                "to a cache every server process shares, e.g. CACHE_URL=redis://cache.internal:6379/1."
            ),
            id="accounts.E001",
        )
    ]

"""Deployment checks for the pages (``nolan check --deploy``): a Content-Security-Policy is sent and
it runs only Nolan's own script files, so that a missed escape cannot run script in a reader's session."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

CSP_MIDDLEWARE = "csp.middleware.CSPMiddleware"
# Sources that let a page run script it did not load from Nolan's own files.
UNSAFE_SCRIPT_SOURCES = {"*", "data:", "blob:", "http:", "https:", "'unsafe-inline'", "'unsafe-eval'"}


@register(Tags.security, deploy=True)
def content_security_policy(app_configs, **kwargs) -> list[Error]:
    if CSP_MIDDLEWARE not in settings.MIDDLEWARE:
        return [
            Error(
                "No Content-Security-Policy is sent: a missed escape on a page could run script.",
                hint=f"Add {CSP_MIDDLEWARE!r} to MIDDLEWARE (Nolan's settings have it).",
                id="web.E001",
            )
        ]
    directives = (getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}).get("DIRECTIVES") or {}
    if not directives:
        return [
            Error(
                "No Content-Security-Policy is enforced: CONTENT_SECURITY_POLICY sets no directives (a "
                "report-only policy does not stop a script).",
                hint="Use Nolan's CONTENT_SECURITY_POLICY from nolan.config.settings.",
                id="web.E002",
            )
        ]
    sources = {name: _sources(value) for name, value in directives.items()}
    script_directives = [name for name in sources if name.startswith("script-src")] or ["default-src"]
    errors = []
    if not any(sources.get(name) for name in script_directives):
        errors.append(
            Error(
                "The Content-Security-Policy sets neither script-src nor default-src: scripts may come "
                "from anywhere.",
                hint="script-src 'self'",
                id="web.E003",
            )
        )
    unsafe = [
        f"{name} {source}"
        for name, values in sources.items()
        for source in values
        if source in ("'unsafe-inline'", "'unsafe-eval'")
        or (name in script_directives and source in UNSAFE_SCRIPT_SOURCES)
    ]
    if unsafe:
        errors.append(
            Error(
                f"The Content-Security-Policy lets inline or outside code run: {', '.join(unsafe)}.",
                hint="Nolan has no inline script or style and needs no eval: script-src 'self', "
                "style-src 'self'.",
                id="web.E004",
            )
        )
    return errors


def _sources(value) -> list[str]:
    """A directive's sources (a list, or one string); flags such as upgrade-insecure-requests have none."""
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list | tuple | set | frozenset):
        return [str(source) for source in value]
    return []

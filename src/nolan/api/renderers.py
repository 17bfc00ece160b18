"""How the API answers a browser."""

from __future__ import annotations

from rest_framework import renderers


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """DRF's browsable API without its inline ``<style>`` (Pygments' colours for code in Markdown
    descriptions, which Nolan's do not have): the Content-Security-Policy refuses inline style."""

    def get_context(self, *args, **kwargs):
        context = super().get_context(*args, **kwargs)
        context["code_style"] = None
        return context

"""Template tags for the page frame."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def take_messages(context):
    """The messages for this page, for the frame to show once as notification banners.

    Reading them marks them as shown; ``messages`` is then emptied for the rest of the page, so a
    template that still lists them itself does not show them twice.
    """
    messages = context.get("messages")
    if not messages:
        return []
    taken = list(messages)
    context["messages"] = ()
    return taken

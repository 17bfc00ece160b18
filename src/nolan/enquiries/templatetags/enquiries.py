"""How the enquiry pages show a status and red/amber/green: always as words in a GOV.UK tag, the
colour only repeating what the words say."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch

from nolan.core.citations import Citation
from nolan.enquiries.bands import BY_NAME
from nolan.enquiries.models import Status
from nolan.enquiries.policies import day
from nolan.protocols.views import paragraph_url

register = template.Library()

STATUS_COLOURS = {
    Status.RECEIVED: "govuk-tag--blue",
    Status.ASSIGNED: "govuk-tag--light-blue",
    Status.HOLDING_REPLY_SENT: "govuk-tag--yellow",
    Status.RESPONDED: "govuk-tag--green",
    Status.REOPENED: "govuk-tag--orange",
    Status.CLOSED: "govuk-tag--grey",
    Status.SERVICE_REQUEST: "govuk-tag--grey",
    Status.COMPLAINT_REFERRED: "govuk-tag--purple",
    Status.CONSENT_NEEDED: "govuk-tag--pink",
}


@register.simple_tag
def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "govuk-tag--grey")


@register.inclusion_tag("enquiries/includes/rag_tag.html")
def rag_tag(rag: str):
    band = BY_NAME.get(rag)
    return {"text": band.label, "colour": band.colour} if band else {"text": "", "colour": ""}


@register.filter
def long_day(value) -> str:
    """Thu 24 Dec 2026, as the protocol's dates are given in the explanations."""
    return day(value) if value else ""


@register.filter
def reason_text(reason: dict) -> str:
    return (reason or {}).get("text", "")


@register.filter
def reason_citation(reason: dict) -> str:
    return ((reason or {}).get("citation") or {}).get("text", "")


@register.filter
def citation_url(citation) -> str:
    """The protocol page of the paragraph a citation names (a ``Citation`` or its ``as_dict()``), so a
    reason shown on an enquiry links to the words it rests on; "" when the paragraph has no page."""
    if isinstance(citation, dict):
        if not citation.get("council") or not citation.get("paragraph"):
            return ""
        citation = Citation(citation["council"], citation["paragraph"], citation.get("heading", ""))
    if not isinstance(citation, Citation):
        return ""
    try:
        return paragraph_url(citation)
    except NoReverseMatch:
        return ""

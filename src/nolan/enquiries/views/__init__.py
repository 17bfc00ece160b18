"""The Member Enquiries pages. Thin: parse the request, call one selector or service, render."""

from nolan.enquiries.views.enquiry import attachment, detail, step
from nolan.enquiries.views.lists import export, index, overdue, triage, worklist
from nolan.enquiries.views.raising import raise_enquiry

__all__ = [
    "attachment",
    "detail",
    "export",
    "index",
    "overdue",
    "raise_enquiry",
    "step",
    "triage",
    "worklist",
]

"""The calendar's forms. The override form's field names are ``services.add_override``'s keyword
arguments, so a ``ValidationError`` the service raises lands on the field it names."""

from __future__ import annotations

from django import forms

from nolan.calendar.models import OverrideKind
from nolan.calendar.working_days import REGION_NAMES
from nolan.govuk.forms import date_field

MOST_WORKING_DAYS = 2000
DATE_EXAMPLE = "24 12 2026"


class DueDateForm(forms.Form):
    """Work out a due date (sent with GET: the answer has its own address and needs no script)."""

    start = date_field(
        "Day 0",
        help_text="The day it was received, if that was a working day before the cut-off.",
        example=DATE_EXAMPLE,
    )
    working_days = forms.IntegerField(
        label="Number of working days",
        min_value=0,
        max_value=MOST_WORKING_DAYS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={
            "required": "Enter the number of working days",
            "invalid": "The number of working days must be a whole number, like 10",
            "min_value": "The number of working days must be 0 or more",
            "max_value": f"The number of working days must be {MOST_WORKING_DAYS} or fewer",
        },
    )
    region = forms.ChoiceField(label="Bank holidays of", choices=list(REGION_NAMES.items()))

    def __init__(self, data=None, *, region: str):
        super().__init__(data, initial={"region": region})


def reason_field() -> forms.CharField:
    return forms.CharField(
        label="Reason for the change",
        max_length=500,
        help_text="This is kept on the audit trail.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give a reason for the change: it is kept on the audit trail."},
    )


class OverrideForm(forms.Form):
    date = date_field("Date", example=DATE_EXAMPLE)
    kind = forms.ChoiceField(
        label="What kind of day",
        choices=OverrideKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of day this is"},
    )
    description = forms.CharField(
        label="Description",
        max_length=100,
        help_text="How the day is named when a due date is explained, for example “Council offices closed”.",
        error_messages={"required": "Enter a description: it names the day in due-date explanations."},
    )
    region = forms.ChoiceField(
        label="Where",
        required=False,
        choices=[("", "Every region")] + list(REGION_NAMES.items()),
        help_text="Nolan uses the council's region; another region's calendar is used only when asked for.",
    )
    reason = reason_field()


class RemoveOverrideForm(forms.Form):
    reason = reason_field()

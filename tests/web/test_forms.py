"""Every Django form renders with GOV.UK markup, whatever app it comes from."""

from __future__ import annotations

import datetime
import re

from django import forms

from nolan.govuk.forms import GovukDateInput


class ReportForm(forms.Form):
    title = forms.CharField(
        label="Title", help_text="A few words.", widget=forms.TextInput(attrs={"placeholder": "x"})
    )
    received = forms.DateField(
        label="Date received", widget=GovukDateInput(), help_text="For example, 5 6 2025"
    )
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "Enquiry"), ("b", "Complaint")], widget=forms.RadioSelect
    )
    wards = forms.MultipleChoiceField(
        label="Wards", choices=[("e", "Eastgate"), ("w", "Westmarsh")], widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)
    service = forms.ChoiceField(label="Service", choices=[("h", "Housing")])
    attachment = forms.FileField(label="Attachment", required=False)
    urgent = forms.BooleanField(label="This is urgent", required=False)


def tag(html: str, id_: str) -> str:
    return re.search(rf"<(?:input|select|textarea)[^>]*id=\"{id_}\"[^>]*>", html).group(0)


def test_each_kind_of_control_gets_its_govuk_class_and_no_placeholder():
    html = str(ReportForm())
    assert "govuk-input" in tag(html, "id_title") and "placeholder" not in html
    assert "govuk-textarea" in tag(html, "id_notes")
    assert "govuk-select" in tag(html, "id_service")
    assert "govuk-file-upload" in tag(html, "id_attachment")
    assert "govuk-checkboxes__input" in tag(html, "id_urgent")
    assert "govuk-radios__input" in tag(html, "id_kind_0")
    assert "govuk-checkboxes__input" in tag(html, "id_wards_1")
    assert '<label class="govuk-label govuk-radios__label" for="id_kind_1">Complaint</label>' in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Kind</legend>' in html
    assert '<div class="govuk-hint" id="id_title_helptext">A few words.</div>' in html
    assert 'aria-describedby="id_title_helptext"' in tag(html, "id_title")


def test_a_date_is_given_in_day_month_and_year_boxes():
    form = ReportForm(
        {
            "received_day": "5",
            "received_month": "6",
            "received_year": "2025",
            "kind": "a",
            "wards": ["e"],
            "service": "h",
            "title": "Bins",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["received"] == datetime.date(2025, 6, 5)
    html = str(ReportForm(initial={"received": datetime.date(2024, 12, 31)}))
    assert re.search(r'id="id_received_0" value="31"', html)
    assert re.search(
        r'<label class="govuk-label govuk-date-input__label" for="id_received_2">Year</label>', html
    )


def test_a_wrong_date_is_shown_again_with_its_error_and_every_box_marked():
    form = ReportForm({"received_day": "31", "received_month": "2", "received_year": "2025"})
    assert not form.is_valid()
    html = str(form)
    assert 'id="id_received_error"' in html
    fieldset = re.search(
        r'<fieldset class="govuk-fieldset"[^>]*aria-describedby="([^"]+)"[^>]*role="group"', html
    )
    assert fieldset.group(1) == "id_received_helptext id_received_error"
    for box, value in ((0, "31"), (1, "2"), (2, "2025")):
        assert f'id="id_received_{box}" value="{value}"' in html
        assert "govuk-input--error" in tag(html, f"id_received_{box}")
    assert "govuk-form-group--error" in html
    assert "govuk-radios__input" in tag(html, "id_kind_0")  # required radios: error on the fieldset
    assert re.search(r'<fieldset class="govuk-fieldset" aria-describedby="id_kind_error"', html)

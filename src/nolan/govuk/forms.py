"""Every Django form in Nolan renders with GOV.UK Frontend markup.

``GovukFormRenderer`` (settings.FORM_RENDERER) renders forms with ``govuk/forms/form.html`` and each
field with ``govuk/forms/field.html`` (label or legend, hint, error message, then the control), and
gives each widget the GOV.UK class for its kind as it renders: so forms from other apps, allauth's
among them, need nothing of their own. ``GovukDateInput`` and ``date_field`` are the one way every
page asks for a date.
"""

from __future__ import annotations

import datetime

from django import forms
from django.forms.renderers import DjangoTemplates

# Widget template → (GOV.UK class for the control, class added when the field has an error).
_CONTROL_CLASSES = {
    "select.html": ("govuk-select", "govuk-select--error"),
    "textarea.html": ("govuk-textarea", "govuk-textarea--error"),
    "file.html": ("govuk-file-upload", "govuk-file-upload--error"),
    "clearable_file_input.html": ("govuk-file-upload", "govuk-file-upload--error"),
    "checkbox.html": ("govuk-checkboxes__input", None),
    "checkbox_option.html": ("govuk-checkboxes__input", None),
    "radio_option.html": ("govuk-radios__input", None),
}
_TEXT_INPUTS = {"text", "email", "password", "number", "url", "tel", "search", "date", "time", "datetime"}


def _govuk_classes(template_name: str, attrs: dict) -> tuple[str, str | None] | None:
    base = template_name.rsplit("/", 1)[-1]
    if base in _CONTROL_CLASSES:
        return _CONTROL_CLASSES[base]
    if base.removesuffix(".html") in _TEXT_INPUTS:
        return ("govuk-input", "govuk-input--error")
    return None


class GovukFormRenderer(DjangoTemplates):
    """Renders every form field with GOV.UK Frontend markup (templates in govuk/templates/govuk/forms)."""

    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if isinstance(widget, dict) and "attrs" in widget:
            context = {**context, "widget": {**widget, "attrs": _govuk_attrs(template_name, widget["attrs"])}}
        return super().render(template_name, context, request=request)


def _govuk_attrs(template_name: str, attrs: dict) -> dict:
    attrs = dict(attrs)
    # GOV.UK: hints go above the field, never inside it, where they vanish as people type.
    attrs.pop("placeholder", None)
    classes = _govuk_classes(template_name, attrs)
    if classes:
        base, error = classes
        present = attrs.get("class", "").split()
        wanted = [base] if base not in present else []
        if error and attrs.get("aria-invalid") == "true" and error not in present:
            wanted.append(error)
        attrs["class"] = " ".join(wanted + present)
    return attrs


class GovukDateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes, for a ``forms.DateField``.

    The three boxes come back to the field as "day/month/year", which the field parses with the
    UK date formats, so "5/6/2025" and "05/06/2025" are both 5 June 2025.
    """

    template_name = "govuk/forms/widgets/date_input.html"
    use_fieldset = True
    parts = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))

    def __init__(self, attrs=None):
        widgets = {
            name: forms.TextInput(attrs={"inputmode": "numeric", "class": f"govuk-input--width-{width}"})
            for name, _label, width in self.parts
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        parts = [(v or "").strip() for v in super().value_from_datadict(data, files, name)]
        return "/".join(parts) if any(parts) else None

    def get_context(self, name, value, attrs):
        if isinstance(value, str):  # showing again what was typed, valid or not
            value = (value.split("/") + ["", "", ""])[:3]
        context = super().get_context(name, value, attrs)
        subwidgets = context["widget"]["subwidgets"]
        for subwidget, (_name, label, _width) in zip(subwidgets, self.parts, strict=True):
            subwidget["part_label"] = label
            subwidget["invalid"] = subwidget["attrs"].get("aria-invalid") == "true"
        return context

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_


DATE_FORMATS = ["%d/%m/%Y"]  # how GovukDateInput hands the day, month and year boxes to the field


def date_field(
    label: str, *, required: bool = True, help_text: str = "", example: str = "7 5 2026"
) -> forms.DateField:
    """A date in GOV.UK day, month and year boxes, its hint ending with ``example`` (a day as it is
    typed into the boxes), and error messages that name the field."""
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=" ".join(p for p in (help_text, f"For example, {example}.") if p),
        widget=GovukDateInput(),
        error_messages={
            "required": f"Enter a date for “{label}”",
            "invalid": f"{label} must be a real date, with a day, month and year",
        },
    )

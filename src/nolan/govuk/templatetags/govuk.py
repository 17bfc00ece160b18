"""Template helpers for GOV.UK Frontend markup that Django's own tags do not give."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def error_anchor(field) -> str:
    """The id an error summary links to for a field: its control, or a group's first control."""
    if field is None:
        return ""
    return field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")


@register.simple_tag
def first_visible_field(form):
    """The field an error about the whole form (such as a wrong password) is linked to."""
    return next(iter(form.visible_fields()), None) if form is not None else None


@register.simple_tag
def widget_attrs(field, **attrs) -> str:
    """Give one form's field extra control attributes from the page, e.g. a GOV.UK width class:
    ``{% widget_attrs form.code class="govuk-input--width-10" inputmode="numeric" %}``.

    Each form has its own copy of its fields, so this changes only the form on this page.
    """
    widget_attrs = field.field.widget.attrs
    extra_class = attrs.pop("class", "")
    if extra_class:
        widget_attrs["class"] = " ".join(filter(None, [widget_attrs.get("class", ""), extra_class]))
    widget_attrs.update(attrs)
    return ""


@register.filter
def in_groups_of(text, size: int = 4) -> str:
    """A long key, spaced for reading and typing: "JBSW Y3DP ..."."""
    text = str(text)
    return " ".join(text[i : i + size] for i in range(0, len(text), size))

from django.forms.renderers import DjangoTemplates


class GovukFormRenderer(DjangoTemplates):
    """Renders every form field with GOV.UK Frontend markup (templates in web/templates/govuk/forms)."""

    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"

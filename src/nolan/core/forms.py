"""Forms of the system administration pages that ask a service before they save."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


class CheckedByServiceForm(forms.ModelForm):
    """A form whose values the service checks before the admin saves them, so a value the service
    refuses is shown on the form with the service's message (the admin calls ``save_model`` only once
    the form is valid; a refusal there would be a server error)."""

    def check(self, cleaned_data: dict) -> None:  # pragma: no cover - each form names its check
        raise NotImplementedError

    def clean(self):
        cleaned_data = super().clean()
        try:
            self.check(cleaned_data)
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned_data

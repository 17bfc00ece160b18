"""The directory's forms: filters for the lists, and the maintaining forms whose fields are the
keyword arguments of the service they feed (so a ValidationError lands on the field it names)."""

from __future__ import annotations

from django import forms

from nolan.directory import selectors

INDEPENDENT = "independent"


class MemberFilterForm(forms.Form):
    q = forms.CharField(label="Name or e-mail", required=False, max_length=100)
    ward = forms.TypedChoiceField(label="Ward", required=False, coerce=int, empty_value=None)
    group = forms.ChoiceField(label="Political group", required=False)

    def __init__(self, data=None, *, user):
        super().__init__(data)
        self.fields["ward"].choices = [("", "All wards")] + [
            (w.pk, w.name) for w in selectors.ward_list(user=user)
        ]
        self.fields["group"].choices = (
            [("", "All groups")]
            + [(str(g.pk), g.name) for g in selectors.group_list(user=user)]
            + [(INDEPENDENT, "Independent (no group)")]
        )

    def filters(self) -> dict:
        """The selector's keyword arguments; an invalid filter is shown as an error and not applied."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        group = data.get("group") or None
        if group and group != INDEPENDENT:
            group = int(group)
        return {"q": data.get("q", ""), "ward": data.get("ward"), "group": group}


class OfficerFilterForm(forms.Form):
    q = forms.CharField(label="Name, e-mail or job title", required=False, max_length=100)
    directorate = forms.TypedChoiceField(label="Directorate", required=False, coerce=int, empty_value=None)
    service = forms.TypedChoiceField(label="Service", required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, *, user):
        super().__init__(data)
        self.fields["directorate"].choices = [("", "All directorates")] + [
            (d.pk, d.name) for d in selectors.directorate_list(user=user)
        ]
        self.fields["service"].choices = [("", "All services")] + [
            (s.pk, f"{s.name} ({s.directorate.name})") for s in selectors.service_list(user=user)
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data.get("q", ""),
            "directorate": data.get("directorate"),
            "service": data.get("service"),
        }

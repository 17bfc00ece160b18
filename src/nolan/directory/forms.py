"""The directory's forms: filters for the lists, and the maintaining forms whose fields are the
keyword arguments of the service they feed (so a ValidationError lands on the field it names)."""

from __future__ import annotations

from django import forms

from nolan.directory import models as m
from nolan.directory import selectors
from nolan.govuk.forms import date_field

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


# Maintaining the directory -----------------------------------------------------------------------
#
# Field names are the service's keyword arguments, so ``form.cleaned_data`` is passed straight on
# and a ``ValidationError`` the service raises lands on the field it names.


def reason_field(*, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label="Reason for the change",
        required=required,
        max_length=500,
        help_text="This is kept on the audit trail.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give a reason for the change: it is kept on the audit trail."},
    )


class ChoicesFromSelectors(forms.Form):
    """A form whose choices of wards, groups, committees, directorates, services and officers come
    from the selectors, so it offers only what the acting user may see."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        sources = {
            "ward": selectors.ward_list,
            "wards": selectors.ward_list,
            "group": selectors.group_list,
            "political_assistant_to": selectors.group_list,
            "committee": selectors.committee_list,
            "parent": selectors.committee_list,
            "directorate": selectors.directorate_list,
            "service": selectors.service_list,
            "line_manager": selectors.officer_list,
        }
        for name, field in self.fields.items():
            if name in sources and isinstance(field, forms.ModelChoiceField):
                field.queryset = sources[name](user=user)


class MemberDetailsForm(forms.Form):
    title = forms.CharField(label="Title", required=False, max_length=20, help_text="For example, Cllr.")
    first_name = forms.CharField(label="First name", max_length=80)
    last_name = forms.CharField(label="Last name", max_length=80)
    email = forms.EmailField(label="E-mail address")
    phone = forms.CharField(label="Telephone", required=False, max_length=40)
    kind = forms.ChoiceField(label="Kind of Member", choices=m.MemberKind.choices)


class MemberCreateForm(MemberDetailsForm, ChoicesFromSelectors):
    start = date_field("Start of term of office")
    end = date_field("End of term of office", required=False, help_text="Leave blank if not yet known.")
    wards = forms.ModelMultipleChoiceField(
        label="Ward", queryset=m.Ward.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )
    group = forms.ModelChoiceField(
        label="Political group",
        queryset=m.PoliticalGroup.objects.none(),
        required=False,
        empty_label="Independent (no group)",
    )


class MemberUpdateForm(MemberDetailsForm):
    reason = reason_field()


class MemberEndTermForm(forms.Form):
    end = date_field("First day they are no longer a Member")
    reason = reason_field()


class GroupChangeForm(ChoicesFromSelectors):
    group = forms.ModelChoiceField(
        label="New political group",
        queryset=m.PoliticalGroup.objects.none(),
        required=False,
        empty_label="Independent (no group)",
    )
    on = date_field("Date of the change")
    reason = reason_field()


class WardMembershipForm(ChoicesFromSelectors):
    ward = forms.ModelChoiceField(label="Ward", queryset=m.Ward.objects.none(), empty_label=None)
    start = date_field("From")
    replace = forms.BooleanField(
        label="This replaces the ward they represent now (for example after a boundary review)",
        required=False,
    )
    reason = reason_field()


class GroupOfficeForm(ChoicesFromSelectors):
    group = forms.ModelChoiceField(
        label="Political group", queryset=m.PoliticalGroup.objects.none(), empty_label=None
    )
    office = forms.ChoiceField(label="Office", choices=m.GroupOffice.choices)
    start = date_field("From")
    reason = reason_field()


class MemberRoleForm(forms.Form):
    kind = forms.ChoiceField(label="Role", choices=m.MemberRoleKind.choices)
    portfolio = forms.CharField(
        label="Portfolio", required=False, max_length=200, help_text="For example, Housing."
    )
    start = date_field("From")
    reason = reason_field()


class CommitteePlaceForm(ChoicesFromSelectors):
    committee = forms.ModelChoiceField(
        label="Committee", queryset=m.Committee.objects.none(), empty_label=None
    )
    role = forms.ChoiceField(label="Place", choices=m.CommitteeRole.choices, initial=m.CommitteeRole.MEMBER)
    start = date_field("From")
    reason = reason_field()


class AccountForm(forms.Form):
    """Nothing to fill in: the account takes the person's name and e-mail address."""


class WardForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120)
    code = forms.CharField(
        label="ONS ward code", required=False, max_length=20, help_text="For example, E05000001."
    )
    seats = forms.IntegerField(label="Number of seats", min_value=1, max_value=20, initial=3)


class WardCreateForm(WardForm):
    start = date_field("From", required=False, help_text="Leave blank for today.")


class WardUpdateForm(WardForm):
    reason = reason_field()


class GroupForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120)
    short_name = forms.CharField(label="Short name", required=False, max_length=30)
    status = forms.ChoiceField(
        label="Status",
        choices=m.GroupStatus.choices,
        widget=forms.RadioSelect,
        initial=m.GroupStatus.OPPOSITION,
    )


class GroupCreateForm(GroupForm):
    start = date_field("From", required=False, help_text="Leave blank for today.")


class GroupUpdateForm(GroupForm):
    reason = reason_field()


class CommitteeForm(ChoicesFromSelectors):
    name = forms.CharField(label="Name", max_length=200)
    kind = forms.ChoiceField(label="Kind of committee", choices=m.CommitteeKind.choices)
    parent = forms.ModelChoiceField(
        label="Sub-committee of",
        queryset=m.Committee.objects.none(),
        required=False,
        empty_label="Not a sub-committee",
    )
    terms_of_reference = forms.CharField(
        label="Terms of reference", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class CommitteeCreateForm(CommitteeForm):
    start = date_field("From", required=False, help_text="Leave blank for today.")


class CommitteeUpdateForm(CommitteeForm):
    reason = reason_field()


class DirectorateCreateForm(forms.Form):
    name = forms.CharField(label="Name", max_length=160)
    start = date_field("From", required=False, help_text="Leave blank for today.")


class DirectorateUpdateForm(forms.Form):
    name = forms.CharField(label="Name", max_length=160)
    reason = reason_field()


class ServiceForm(ChoicesFromSelectors):
    directorate = forms.ModelChoiceField(
        label="Directorate", queryset=m.Directorate.objects.none(), empty_label=None
    )
    name = forms.CharField(label="Name", max_length=160)
    email = forms.EmailField(label="Shared mailbox", required=False, help_text="Leave blank if none.")


class ServiceCreateForm(ServiceForm):
    start = date_field("From", required=False, help_text="Leave blank for today.")


class ServiceUpdateForm(ServiceForm):
    reason = reason_field()


class OfficerDetailsForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=80)
    last_name = forms.CharField(label="Last name", max_length=80)
    email = forms.EmailField(label="E-mail address")
    phone = forms.CharField(label="Telephone", required=False, max_length=40)
    employee_number = forms.CharField(label="Employee number", required=False, max_length=30)
    employment_type = forms.ChoiceField(label="Employment type", choices=m.EmploymentType.choices)


class PostForm(ChoicesFromSelectors):
    title = forms.CharField(label="Job title", max_length=200)
    seniority = forms.TypedChoiceField(label="Seniority", choices=m.Seniority.choices, coerce=int)
    directorate = forms.ModelChoiceField(
        label="Directorate",
        queryset=m.Directorate.objects.none(),
        required=False,
        empty_label="The service's directorate",
        help_text="Leave as it is to use the service's directorate.",
    )
    service = forms.ModelChoiceField(
        label="Service", queryset=m.Service.objects.none(), required=False, empty_label="No service"
    )
    line_manager = forms.ModelChoiceField(
        label="Line manager", queryset=m.Officer.objects.none(), required=False, empty_label="No line manager"
    )
    politically_restricted = forms.BooleanField(label="This post is politically restricted", required=False)
    political_assistant_to = forms.ModelChoiceField(
        label="Political assistant to",
        queryset=m.PoliticalGroup.objects.none(),
        required=False,
        empty_label="Not a political assistant's post",
    )


POST_FIELDS = tuple(PostForm.base_fields)


class OfficerCreateForm(OfficerDetailsForm, PostForm):
    start = date_field("Employed from", help_text="The first post starts the same day.")

    field_order = [*OfficerDetailsForm.base_fields, "start", *POST_FIELDS]

    def service_arguments(self) -> dict:
        """``officer_create``'s arguments: the officer's details, and their first post as ``post``."""
        data = dict(self.cleaned_data)
        data["post"] = {name: data.pop(name) for name in POST_FIELDS}
        return data


class OfficerUpdateForm(OfficerDetailsForm):
    reason = reason_field()


class PostStartForm(PostForm):
    start = date_field("The new post starts on", help_text="Their current post ends the same day.")
    reason = reason_field()


class OfficerLeaveForm(forms.Form):
    end = date_field("First day they are no longer employed")
    reason = reason_field()


class StatutoryRoleForm(forms.Form):
    kind = forms.ChoiceField(label="Statutory role", choices=m.StatutoryRoleKind.choices)
    start = date_field("From")
    reason = reason_field()


MAX_UPLOAD_BYTES = 2 * 1024 * 1024
CSV_CONTENT_TYPES = {
    "",
    "text/csv",
    "text/plain",
    "text/comma-separated-values",
    "application/csv",
    "application/vnd.ms-excel",  # what Windows reports for a .csv when Excel is installed
    "application/octet-stream",
}


class CsvUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a CSV file",
        help_text=(
            "Save the spreadsheet as “CSV UTF-8 (Comma delimited)”. The file must be smaller than 2 MB."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv", "class": "govuk-file-upload"}),
        error_messages={"required": "Select a CSV file", "empty": "The selected file is empty"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 2 MB")
        content_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
        if not upload.name.lower().endswith(".csv") or content_type not in CSV_CONTENT_TYPES:
            raise forms.ValidationError("The selected file must be a CSV file (its name ends in .csv)")
        return upload

"""Raising an enquiry: a Member in their own name; Member Services or the Member Enquiries team on a
Member's behalf (choosing the Member, and the time it was received), or for an MP or other elected
representative where the council's profile allows it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from nolan.core.decisions import ProtocolError
from nolan.directory.selectors import the_council
from nolan.enquiries import forms, policies, services
from nolan.enquiries.views.frame import Viewer, invalid, refused, section


@login_required
def raise_enquiry(request):
    viewer = Viewer.of(request.user)
    if not viewer.may_raise:
        raise PermissionDenied(
            "Only a Member, or Member Services on a Member's behalf, may raise an enquiry."
        )
    form = forms.RaiseForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        may_raise_for_members=viewer.raises_for_members,
        actor_is_member=bool(viewer.member_id),
        council=the_council(),
    )
    refusal = None
    if request.method == "POST" and form.is_valid():
        arguments = form.service_arguments()
        if not form.errors:
            try:
                enquiry = services.raise_enquiry(actor=request.user, **arguments)
            except ProtocolError as error:
                refusal = error
                refused(form, error)
            except ValidationError as error:
                invalid(form, error)
            else:
                due = policies.day(enquiry.due_date)
                if viewer.team or (
                    enquiry.raised_by_member_id and enquiry.raised_by_member_id == viewer.member_id
                ):
                    messages.success(
                        request, f"Enquiry {enquiry.reference} raised. A full response is due by {due}."
                    )
                    return redirect("enquiries:detail", reference=enquiry.reference)
                # Raised on someone's behalf: the enquiry is theirs, and is treated in confidence.
                messages.success(
                    request,
                    f"Enquiry {enquiry.reference} raised for {enquiry.originator_name}. "
                    f"A full response is due by {due}.",
                )
                return redirect(reverse("enquiries:raise"))
    return render(
        request,
        "enquiries/raise.html",
        {
            **section(request, "raise"),
            "form": form,
            "refusal": refusal,
            "for_members": viewer.raises_for_members,
        },
    )

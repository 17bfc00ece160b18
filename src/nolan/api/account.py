"""The caller's own account over the API: who they are in the council, and their API token."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from nolan.accounts.models import AccessRole
from nolan.accounts.second_factor import SignIn, sign_in_of
from nolan.api import tokens
from nolan.api.directory import Choice, MemberOutput, OfficerOutput
from nolan.directory import selectors
from nolan.directory.capacities import capacities_of


class MeApi(APIView):
    """The caller's capacities in the council, as Nolan works them out from the directory and roles."""

    class OutputSerializer(serializers.Serializer):
        name = serializers.CharField()
        email = serializers.EmailField()
        capacities = serializers.ListField(
            child=serializers.CharField(), help_text="The capacities, in words, most significant first."
        )
        primary_capacity = serializers.CharField()
        access_roles = Choice(many=True)
        can_read_directory = serializers.BooleanField()
        can_maintain_directory = serializers.BooleanField()
        member = MemberOutput(allow_null=True, help_text="The caller as a Member in their term of office.")
        officer = OfficerOutput(allow_null=True, help_text="The caller as an officer in post.")

        class Meta:
            ref_name = "Me"

    @extend_schema(responses=OutputSerializer)
    def get(self, request):
        user = request.user
        caps = capacities_of(user)
        member = selectors.member_get(user=user, pk=caps.member.pk) if caps.member else None
        officer = selectors.officer_get(user=user, pk=caps.officer.pk) if caps.officer else None
        data = {
            "name": str(user),
            "email": user.email,
            "capacities": caps.labels,
            "primary_capacity": caps.primary,
            "access_roles": [{"value": r, "label": AccessRole(r).label} for r in sorted(caps.access_roles)],
            "can_read_directory": selectors.can_read_directory(user),
            "can_maintain_directory": selectors.can_maintain_directory(user),
            "member": member,
            "officer": officer,
        }
        return Response(self.OutputSerializer(data, context={"request": request}).data)


class SignedInThroughTheWeb(BasePermission):
    """A token is created only in a web session, which needed the second factor where the account needs
    one (nolan.web.middleware signs out a session that skipped it); a token cannot create another."""

    message = (
        "Create an API token while signed in to Nolan in your browser, at /api/v1/token/. "
        "A token cannot be used to create another."
    )

    def has_permission(self, request, view) -> bool:
        if request.method != "POST":
            return True
        return isinstance(request.successful_authenticator, SessionAuthentication)


class IssuedWith(serializers.Serializer):
    sign_in_methods = serializers.ListField(
        child=serializers.CharField(),
        help_text=(
            "How the session that created the token had signed in, step by step: password, "
            "single_sign_on, totp (a code from an authenticator app), recovery_code."
        ),
    )
    second_factor = serializers.BooleanField(help_text="Whether that session used a second factor.")
    description = serializers.CharField(help_text="The same in words.")

    class Meta:
        ref_name = "TokenIssuedWith"


def _issued_with(token) -> dict | None:
    issue = tokens.issue_of(token)
    if issue is None:
        return None
    sign_in = SignIn(tuple(issue.sign_in_methods), issue.second_factor)
    return {
        "sign_in_methods": list(sign_in.methods),
        "second_factor": sign_in.second_factor,
        "description": sign_in.description,
    }


class TokenApi(APIView):
    """Your API token. Send it as the header ``Authorization: Token <token>``.

    POST (signed in through the web, with the code from your authenticator app where your account
    needs one) creates one and shows it once; a new token replaces the old. DELETE revokes it. GET
    says whether you have one and how it was issued, without showing it.
    """

    permission_classes = [IsAuthenticated, SignedInThroughTheWeb]

    class StatusSerializer(serializers.Serializer):
        has_token = serializers.BooleanField()
        created = serializers.DateTimeField(allow_null=True)
        issued_with = IssuedWith(
            allow_null=True,
            help_text=(
                "How the token was issued; null without a token, or for a token issued before Nolan "
                "recorded it (which stops working for accounts that need a second factor)."
            ),
        )

        class Meta:
            ref_name = "TokenStatus"

    class IssuedSerializer(serializers.Serializer):
        token = serializers.CharField(help_text="Shown only now: keep it secret.")
        created = serializers.DateTimeField()
        issued_with = IssuedWith()
        detail = serializers.CharField()

        class Meta:
            ref_name = "IssuedToken"

    ISSUED_DETAIL = (
        "Copy this token now: Nolan will not show it again. Send it as the header "
        "'Authorization: Token <token>'. Creating another token replaces this one; "
        "DELETE /api/v1/token/ revokes it."
    )

    @extend_schema(responses=StatusSerializer)
    def get(self, request):
        token = tokens.token_of(user=request.user)
        data = {
            "has_token": token is not None,
            "created": token.created if token else None,
            "issued_with": _issued_with(token) if token else None,
        }
        return Response(self.StatusSerializer(data).data)

    @extend_schema(
        request=None,
        responses={
            201: IssuedSerializer,
            403: OpenApiResponse(description="Not a web session, or one that skipped the second factor."),
        },
    )
    def post(self, request):
        token = tokens.token_issue(user=request.user, sign_in=sign_in_of(request, request.user))
        data = {
            "token": token.key,
            "created": token.created,
            "issued_with": _issued_with(token),
            "detail": self.ISSUED_DETAIL,
        }
        return Response(self.IssuedSerializer(data).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={
            204: OpenApiResponse(description="Revoked."),
            404: OpenApiResponse(description="No token."),
        },
    )
    def delete(self, request):
        if not tokens.token_revoke(user=request.user):
            raise NotFound("You have no API token to revoke.")
        return Response(status=status.HTTP_204_NO_CONTENT)

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
    """A token is created only in a web session, which needed the second factor to start; a token
    cannot create another."""

    message = (
        "Create an API token while signed in to Nolan in your browser, at /api/v1/token/. "
        "A token cannot be used to create another."
    )

    def has_permission(self, request, view) -> bool:
        if request.method != "POST":
            return True
        return isinstance(request.successful_authenticator, SessionAuthentication)


class TokenApi(APIView):
    """Your API token. Send it as the header ``Authorization: Token <token>``.

    POST (signed in through the web) creates one and shows it once; a new token replaces the old.
    DELETE revokes it. GET says whether you have one, without showing it.
    """

    permission_classes = [IsAuthenticated, SignedInThroughTheWeb]

    class StatusSerializer(serializers.Serializer):
        has_token = serializers.BooleanField()
        created = serializers.DateTimeField(allow_null=True)

        class Meta:
            ref_name = "TokenStatus"

    class IssuedSerializer(serializers.Serializer):
        token = serializers.CharField(source="key", help_text="Shown only now: keep it secret.")
        created = serializers.DateTimeField()
        detail = serializers.SerializerMethodField()

        class Meta:
            ref_name = "IssuedToken"

        def get_detail(self, token) -> str:
            return (
                "Copy this token now: Nolan will not show it again. Send it as the header "
                "'Authorization: Token <token>'. Creating another token replaces this one; "
                "DELETE /api/v1/token/ revokes it."
            )

    @extend_schema(responses=StatusSerializer)
    def get(self, request):
        token = tokens.token_of(user=request.user)
        data = {"has_token": token is not None, "created": token.created if token else None}
        return Response(self.StatusSerializer(data).data)

    @extend_schema(request=None, responses={201: IssuedSerializer})
    def post(self, request):
        token = tokens.token_issue(user=request.user)
        return Response(self.IssuedSerializer(token).data, status=status.HTTP_201_CREATED)

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

"""How each API token was issued."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from rest_framework.authtoken.models import Token


class TokenIssue(models.Model):
    """Who was issued an API token, when, and how the session that asked for it had signed in.

    Token authentication refuses the token of an account that needs a second factor unless this
    record says the issuing session used one; a token issued before Nolan kept this record has none.
    """

    token = models.OneToOneField(Token, on_delete=models.CASCADE, primary_key=True, related_name="issue")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    issued_at = models.DateTimeField(default=timezone.now)
    sign_in_methods = models.JSONField(
        default=list, help_text='The steps that signed the session in, e.g. ["password", "totp"].'
    )
    second_factor = models.BooleanField(help_text="Whether the issuing session used a second factor.")

    def __str__(self) -> str:
        return f"{self.user} at {self.issued_at:%Y-%m-%d %H:%M}"

"""Sign-in accounts and the permission roles granted on top of a person's place in the directory."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models

from nolan.core.models import Dated


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in. What they may do comes from the directory and from their roles."""

    username = None
    email = models.EmailField("e-mail address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class AccessRole(models.TextChoices):
    MEMBER_ENQUIRIES = "member_enquiries", "Member Enquiries team"
    MEMBER_SERVICES = "member_services", "Member Services"
    MONITORING_OFFICER = "monitoring_officer", "Monitoring Officer's office"
    CHIEF_EXECUTIVE_OFFICE = "chief_executive_office", "Chief Executive's office"
    HR = "hr", "HR"
    ADMINISTRATOR = "administrator", "System administrator"


class RoleGrant(Dated):
    """A permission role held for a period. Ending a grant keeps its history."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="role_grants")
    role = models.CharField(max_length=40, choices=AccessRole.choices)
    reason = models.CharField(max_length=300, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["user", "role", "end"])]
        ordering = ["role", "start"]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"

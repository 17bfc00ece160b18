"""The second factor: which accounts need one, and whether this session used it.

An account needs the code from an authenticator app when it

- is a system administrator (a Django staff account or superuser), or
- has an authenticator set up (allauth then asks for its code at every sign-in), or
- holds a staff role (an officer's post or a permission role) while NOLAN_REQUIRE_STAFF_SECOND_FACTOR
  is on, as it is by default.

Whether a session used it is read from allauth's own record of the steps that signed the session in
(``get_authentication_records``): a password, council single sign-on, and ``mfa`` when a code from
the authenticator app or a recovery code was accepted. Setting up an authenticator app counts as well,
since that too means entering a valid code from it (``record_activation`` adds that step).

Council single sign-on is a first factor, like a password. allauth puts every sign-in through the
same stages, so an account with an authenticator is asked for its code after the council's identity
provider has let the person in. Nolan does not take the identity provider's own claim of having used
multi-factor authentication (``amr``) instead: Nolan cannot tell which factor the provider used, and a
council's rules may let its own network skip it. "Trust this browser" (MFA_TRUST_ENABLED) stays off:
a session that skipped the code would be refused.

Whether an account holds a staff role is the directory's to say (an officer's post is a directory
row, and the directory sits above accounts): it registers its answer with ``register_staff_role`` in
its ``AppConfig.ready``, as ``nolan.directory.capacities.holds_staff_role``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.internal.flows.login import get_authentication_records, record_authentication
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

#: The authenticators that give a code (or a key) at sign-in. Recovery codes only exist beside one.
CODE_GIVING = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)

#: allauth's names for the steps of a sign-in, in Nolan's words for a token's record.
_METHODS = {
    "password": "password",
    "socialaccount": "single_sign_on",
    "password_reset": "password_reset",
    "code": "emailed_code",
}
_SECOND_FACTORS = {
    Authenticator.Type.TOTP: "totp",
    Authenticator.Type.RECOVERY_CODES: "recovery_code",
    Authenticator.Type.WEBAUTHN: "security_key",
}
_DESCRIPTIONS = {
    "password": "password",
    "single_sign_on": "council single sign-on",
    "password_reset": "password reset",
    "emailed_code": "code sent by e-mail",
    "totp": "authenticator app code",
    "recovery_code": "recovery code",
    "security_key": "security key",
}


@dataclass(frozen=True)
class SignIn:
    """How a session was signed in: its steps in order, and whether one of them was a second factor."""

    methods: tuple[str, ...]
    second_factor: bool

    @property
    def description(self) -> str:
        """In words, e.g. 'password and authenticator app code'."""
        words = [_DESCRIPTIONS.get(method, method.replace("_", " ")) for method in self.methods]
        if not words:
            return "no recorded sign-in"
        return ", ".join(words[:-1]) + (" and " if len(words) > 1 else "") + words[-1]


StaffRole = Callable[[object], bool]

_staff_role: list[StaffRole] = []


def register_staff_role(fn: StaffRole) -> StaffRole:
    """Register how to tell whether an account holds a staff role (the one answer: registering again
    replaces it); returns ``fn``, so it works as a decorator."""
    _staff_role[:] = [fn]
    return fn


def holds_staff_role(user) -> bool:
    """Whether the account holds an officer's post or a permission role, by the registered answer.
    With none registered Nolan cannot tell who must use a second factor, so it refuses to guess."""
    if not _staff_role:
        raise ImproperlyConfigured(
            "Nothing has said who holds a staff role: nolan.directory registers it in its AppConfig.ready."
        )
    return _staff_role[0](user)


def has_authenticator(user) -> bool:
    return Authenticator.objects.filter(user=user, type__in=CODE_GIVING).exists()


def required_by_role(user) -> bool:
    """A system administrator always, and staff while the council requires it: whether or not they
    have set up an authenticator yet."""
    if user.is_staff or user.is_superuser:
        return True
    return bool(settings.NOLAN_REQUIRE_STAFF_SECOND_FACTOR and holds_staff_role(user))


def requires_second_factor(user) -> bool:
    return required_by_role(user) or has_authenticator(user)


def must_set_up(user) -> bool:
    """Required by their role, and no authenticator set up yet: they can do nothing else until they do."""
    return required_by_role(user) and not has_authenticator(user)


def sign_in_of(request, user) -> SignIn:
    """How this session signed ``user`` in, from allauth's record of it."""
    methods: list[str] = []
    second_factor = False
    for record in get_authentication_records(request, user):
        method = record.get("method")
        if method == "mfa":
            second_factor = True
            name = _SECOND_FACTORS.get(record.get("type"), "second_factor")
        else:
            name = _METHODS.get(method, str(method))
        if name not in methods:
            methods.append(name)
    return SignIn(tuple(methods), second_factor)


def session_lacks_second_factor(request, user) -> bool:
    """The account needs the code from its authenticator, has one, and this session did not use it.

    (An account that needs one and has none yet is sent to set one up instead: see ``must_set_up``.)
    """
    return not sign_in_of(request, user).second_factor and has_authenticator(user)


def record_activation(sender, request=None, user=None, authenticator=None, **kwargs) -> None:
    """allauth's ``authenticator_added``: setting up an authenticator app needs a valid code from it,
    so the session that did it has used the second factor."""
    if request is None or authenticator is None or authenticator.type not in CODE_GIVING:
        return
    if getattr(request, "user", None) is None or request.user.pk != user.pk:
        return
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True)

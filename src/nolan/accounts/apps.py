from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nolan.accounts"
    label = "accounts"

    def ready(self):
        from allauth.mfa.signals import authenticator_added

        from nolan.accounts import checks, second_factor  # noqa: F401 (checks registers itself)

        authenticator_added.connect(second_factor.record_activation, dispatch_uid="nolan-activation")

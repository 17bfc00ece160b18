from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nolan.accounts"
    label = "accounts"

    def ready(self):
        from nolan.accounts import checks  # noqa: F401 (registers itself)

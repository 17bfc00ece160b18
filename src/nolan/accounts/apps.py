from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nolan.accounts"
    label = "accounts"

from django.apps import AppConfig


class GovukConfig(AppConfig):
    name = "nolan.govuk"
    label = "govuk"

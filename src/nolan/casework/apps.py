from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "nolan.casework"
    label = "casework"
    verbose_name = "Casework"

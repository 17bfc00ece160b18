from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nolan.core"
    label = "core"

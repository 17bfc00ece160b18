from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "nolan.register"
    label = "register"
    verbose_name = "Register of close relationships"

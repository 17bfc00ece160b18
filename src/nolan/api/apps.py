from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "nolan.api"
    label = "api"

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "nolan.web"
    label = "web"

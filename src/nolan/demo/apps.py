from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "nolan.demo"
    label = "demo"

from django.apps import AppConfig


class ProtocolsConfig(AppConfig):
    name = "nolan.protocols"
    label = "protocols"
    verbose_name = "Council protocols"

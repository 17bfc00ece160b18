from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "nolan.audit"
    label = "audit"

from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "nolan.mail"
    label = "mail"
    verbose_name = "E-mail"

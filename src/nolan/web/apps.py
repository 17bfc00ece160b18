from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "nolan.web"
    label = "web"

    def ready(self) -> None:
        from nolan.web import checks  # noqa: F401  (registers the deployment checks)

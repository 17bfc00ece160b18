from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nolan.core"
    label = "core"

    def ready(self) -> None:
        from nolan.core import checks  # noqa: F401  (registers the deployment checks)

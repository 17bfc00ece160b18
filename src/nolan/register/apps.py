from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "nolan.register"
    label = "register"
    verbose_name = "Register of close relationships"

    def ready(self) -> None:
        # Models are ready only now; the selector reads them.
        from nolan.casework import relationships
        from nolan.register import selectors

        relationships.answered_by(selectors.natures_in_words)

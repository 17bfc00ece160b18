from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "nolan.calendar"
    label = "nolan_calendar"
    verbose_name = "Working-day calendar"

    def ready(self) -> None:
        from nolan.calendar import checks  # noqa: F401  (registers the check of the region setting)

from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "nolan.calendar"
    label = "nolan_calendar"
    verbose_name = "Working-day calendar"

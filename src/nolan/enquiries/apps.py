from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "nolan.enquiries"
    label = "enquiries"
    verbose_name = "Member Enquiries"

    def ready(self) -> None:
        # When the working-day calendar changes (a council closure day, a new bank holiday), the due
        # dates of open enquiries that nobody has revised are worked out again with the new calendar.
        from nolan.calendar import recompute
        from nolan.enquiries.deadlines import recompute_open

        recompute.register(recompute_open)

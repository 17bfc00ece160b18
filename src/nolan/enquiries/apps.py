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

        # Who may see an enquiry, and who handles it, follows the directory: once a step starts or
        # ends an officer's post or employment, their open enquiries of a service they left go back
        # to the team, and the access of the enquiries they handle or may see is rewritten.
        from nolan.casework import circles
        from nolan.enquiries.services import follow_directory_moves

        circles.follow_moves(follow_directory_moves)

        # Member Enquiries' section of the officers' daily digest (built by the chasing run).
        from nolan.enquiries.digest_section import today
        from nolan.mail import digests

        digests.register(today)

        # The ended enquiries' resident details and files go in the one retention run of every workflow.
        from nolan.casework import retention
        from nolan.enquiries import retention as enquiries_retention

        retention.register(
            enquiries_retention.NAME, plan=enquiries_retention.plan, apply=enquiries_retention.apply
        )

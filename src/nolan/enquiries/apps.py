from django.apps import AppConfig

from nolan.casework import retention


class EnquiriesConfig(AppConfig):
    name = "nolan.enquiries"
    label = "enquiries"
    verbose_name = "Member Enquiries"

    def ready(self) -> None:
        # When the working-day calendar changes (a council closure day, a new bank holiday), the due
        # dates of open enquiries that nobody has revised are worked out again with the new calendar.
        from nolan.calendar import recompute
        from nolan.enquiries.deadlines import recompute_open  # loads the models: only once they are ready

        recompute.register(recompute_open)

        # Who may see an enquiry, and who handles it, follows the directory: once a step starts or
        # ends an officer's post or employment, their open enquiries of a service they left go back
        # to the team, and the access of the enquiries they handle or may see is rewritten.
        from nolan.casework import circles  # loads the models: only once they are ready
        from nolan.enquiries.services import follow_directory_moves  # loads the models, as above

        circles.follow_moves(follow_directory_moves)

        # Member Enquiries' section of the officers' daily digest (built by the chasing run).
        from nolan.enquiries.digest_section import today  # loads the models, as above
        from nolan.mail import digests  # loads the models, as above

        digests.register(today)

        # The ended enquiries' resident details and files go in the one retention run of every workflow.
        from nolan.enquiries import retention as enquiries_retention  # loads the models, as above

        retention.register(
            enquiries_retention.NAME, plan=enquiries_retention.plan, apply=enquiries_retention.apply
        )

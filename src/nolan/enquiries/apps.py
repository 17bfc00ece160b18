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

        # Who may see an enquiry follows the directory: a post that starts, ends or changes its line
        # manager rewrites the access of the enquiries its officer handles or may see.
        from django.db.models.signals import post_delete, post_save

        from nolan.directory.models import Post
        from nolan.enquiries.services import refresh_access_after_post_change

        post_save.connect(refresh_access_after_post_change, sender=Post, dispatch_uid="enquiries-access-post")
        post_delete.connect(
            refresh_access_after_post_change, sender=Post, dispatch_uid="enquiries-access-post-deleted"
        )

from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "nolan.enquiries"
    label = "enquiries"
    verbose_name = "Member Enquiries"

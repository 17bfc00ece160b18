from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "nolan.directory"
    label = "directory"

    def ready(self):
        # Imported here, not at the top: capacities imports the models, which cannot be imported
        # before the app registry is ready, and this module is imported to build it.
        from nolan.accounts import second_factor
        from nolan.directory.capacities import holds_staff_role

        second_factor.register_staff_role(holds_staff_role)

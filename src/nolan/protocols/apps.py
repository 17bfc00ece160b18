from django.apps import AppConfig


class ProtocolsConfig(AppConfig):
    name = "nolan.protocols"
    label = "protocols"
    verbose_name = "Council protocols"

    def ready(self) -> None:
        """Nolan does not start with a profile it cannot trust: every shipped profile, a council's own
        (NOLAN_PROFILES_DIR) and the configured NOLAN_PROTOCOL_PROFILE must load and cite only
        paragraphs their protocol text has."""
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured

        # Settings are read here, once the apps are ready, not when the module is imported.
        from nolan.protocols.profiles import ProfileError, load_profile, validate_all

        try:
            validate_all()
        except ProfileError as error:
            raise ImproperlyConfigured(
                f"The council protocol profiles have problems, so Nolan cannot start:\n{error}"
            ) from None
        configured = settings.NOLAN_PROTOCOL_PROFILE
        if configured:
            try:
                load_profile(configured)
            except ProfileError as error:
                raise ImproperlyConfigured(
                    f"NOLAN_PROTOCOL_PROFILE is {configured!r}, which Nolan cannot use:\n{error}"
                ) from None

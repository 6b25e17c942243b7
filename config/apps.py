"""App configs of third-party apps that the project renames or adjusts (django-axes)."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    """django-axes under a translated name in the admin (it has none of its own)."""

    verbose_name = _("Login safety")

    def ready(self):
        super().ready()
        from axes.admin import AccessAttemptAdmin

        # a column without a description: the admin would show the English "Status"
        if hasattr(AccessAttemptAdmin, "status"):
            AccessAttemptAdmin.status.short_description = _("lockout status")

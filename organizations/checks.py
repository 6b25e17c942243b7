"""System checks of organizations: the access log's retention."""

from django.conf import settings
from django.core.checks import Warning, register

from organizations.services import MINIMUM_RETENTION_DAYS


@register()
def access_log_retention(app_configs, **kwargs):
    configured = getattr(settings, "ACCESS_LOG_RETENTION_DAYS", MINIMUM_RETENTION_DAYS)
    if int(configured) < MINIMUM_RETENTION_DAYS:
        return [
            Warning(
                f"ACCESS_LOG_RETENTION_DAYS is {configured}: the access log is kept "
                f"{MINIMUM_RETENTION_DAYS} days all the same (the legal minimum).",
                id="organizations.W001",
            )
        ]
    return []

"""App config of assessment."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Assessment")

    def ready(self):
        """Import the metric modules so that each registers its metrics."""
        from assessment.metrics import (  # noqa: F401
            development,
            dues,
            meetings,
            mobile,
            reminders,
            reports,
            structure,
            training,
            transfers,
            volunteer,
        )

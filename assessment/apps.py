"""App config of assessment."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Assessment")

    def ready(self):
        """Grant the posts their permissions on assessment's models, import the metric
        modules so that each registers its metrics, and register the reminder rules (with
        their rule figure)."""
        from assessment.grants import grant_permissions

        grant_permissions()
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
        from assessment.reminders.sheets import register_sheet_rules

        register_sheet_rules()
        from assessment.reminders.weak import register_weak_rules

        register_weak_rules()

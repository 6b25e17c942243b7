"""App config of assessment."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Assessment")

    def ready(self):
        """Grant the posts their permissions on assessment's models, import the metric
        modules so that each registers its metrics, register the reminder rules (with
        their rule figures), and create the default appraisal grades after every migrate."""
        from assessment.grants import grant_permissions
        from assessment.models.appraisals import ensure_appraisal_grades

        grant_permissions()
        post_migrate.connect(ensure_appraisal_grades, sender=self)
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
        from assessment.reminders.targets import register_target_rules

        register_target_rules()
        from assessment.reminders.appraisals import register_appraisal_rules

        register_appraisal_rules()
        from assessment.reminders.weak import register_weak_rules

        register_weak_rules()

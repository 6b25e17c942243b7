"""The app's configuration: rule figures, reminder rules, timeline hooks and role grants."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activities")

    def ready(self) -> None:
        from activities import rules  # noqa: F401  (defines the rule figures)
        from activities.models.types import ensure_activity_types

        post_migrate.connect(ensure_activity_types, sender=self)
        from activities.reminders import register_rules as register_reminder_rules
        from activities.timeline import register_member_hooks
        from organizations.roles import MANAGE, REVIEW, VIEW, grant

        register_reminder_rules()
        register_member_hooks()
        grant(
            VIEW,
            "activities.view_activitytype",
            "activities.view_activity",
            "activities.view_attendance",
            "activities.view_attachment",
            "activities.view_exemption",
            "activities.view_report",
            "activities.view_reportevent",
            "activities.view_need",
            "activities.view_resource",
            "activities.view_project",
            "activities.view_projectunit",
            "activities.view_pairingagreement",
        )
        grant(
            MANAGE,
            "activities.add_activity",
            "activities.change_activity",
            "activities.add_attendance",
            "activities.change_attendance",
            "activities.delete_attendance",
            "activities.add_attachment",
            "activities.delete_attachment",
            "activities.add_exemption",
            "activities.change_exemption",
            "activities.add_report",
            "activities.change_report",
            "activities.add_need",
            "activities.change_need",
            "activities.add_resource",
            "activities.change_resource",
            "activities.add_project",
            "activities.change_project",
            "activities.add_projectunit",
            "activities.change_projectunit",
            "activities.delete_projectunit",
            "activities.add_pairingagreement",
            "activities.change_pairingagreement",
        )
        grant(REVIEW, "activities.review_report")

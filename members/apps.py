from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from members import rules  # noqa: F401  (defines the rule figures)
        from members.dues_table import ensure_default_rates
        from organizations.roles import MANAGE, VIEW, grant

        post_migrate.connect(ensure_default_rates, sender=self)
        from members.reminders_members import register_member_rules

        register_member_rules()
        grant(
            VIEW,
            "members.view_member",
            "members.view_developmentrecord",
            "members.view_activistreview",
            "members.view_duesrecord",
            "members.view_duespayment",
            "members.view_duesrate",
            "members.view_trainingcourse",
            "members.view_trainingsession",
            "members.view_trainingattendance",
        )
        grant(
            MANAGE,
            "members.add_member",
            "members.change_member",
            "members.view_sensitive",
            "members.add_developmentrecord",
            "members.change_developmentrecord",
            "members.add_activistreview",
            "members.add_duesrecord",
            "members.change_duesrecord",
            "members.add_duespayment",
            "members.add_trainingcourse",
            "members.change_trainingcourse",
            "members.add_trainingsession",
            "members.change_trainingsession",
            "members.add_trainingattendance",
            "members.change_trainingattendance",
            "members.delete_trainingattendance",
        )

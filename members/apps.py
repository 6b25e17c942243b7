"""App config: rule figures, reminder rules, the roll counter, the timeline and role grants."""

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
        from config.forms import register_search
        from members.models import Member

        register_search(Member, "members:search")
        from members.reminders.branches import register_branch_rules
        from members.reminders.members import register_member_rules
        from members.reminders.mobile import register_rules as register_mobile_rules
        from members.reminders.transfers import register_transfer_rules
        from members.selectors.roll import roll_sizes
        from members.selectors.transfers import transfer_timeline_events
        from members.services.transfers import transfers_expire_due
        from members.timeline import register as register_timeline
        from organizations.membership import register_roll_counter
        from reminders.registry import register_step

        register_member_rules()
        register_branch_rules()
        register_roll_counter(roll_sizes)
        register_mobile_rules()
        register_transfer_rules()
        register_timeline(transfer_timeline_events)
        # letters past their validity are marked expired before the rules look at them
        register_step("members.expire_transfer_letters", transfers_expire_due)
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
            "members.view_mobilemember",
            "members.view_permitrenewal",
            "members.view_mobilecontact",
            "members.view_transfer",
            "members.view_transferbatch",
            "members.view_transferevent",
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
            "members.change_transfer",
        )

"""App config of reminders: registers the rules it holds for the organizations app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        from reminders.rules.organizations import register_organization_rules

        register_organization_rules()

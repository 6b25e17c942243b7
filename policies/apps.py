"""App config of policies: after migrate, every defined figure gets its row."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = _("Rules and thresholds")

    def ready(self) -> None:
        from policies.registry import ensure_rows

        post_migrate.connect(ensure_rows, sender=self)

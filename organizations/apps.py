"""App config of organizations: defines its rule figures and registers the territory access."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Party organizations")

    def ready(self) -> None:
        from organizations import rules  # noqa: F401  (defines the rule figures)
        from organizations.scoping import register_territory_access

        register_territory_access()

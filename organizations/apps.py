"""App config of organizations: defines its rule figures and registers the territory access."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Party organizations")

    def ready(self) -> None:
        from organizations import checks, rules, signals  # noqa: F401  (checks, figures, receivers)
        from organizations.scoping import register_territory_access

        register_territory_access()
        _register_searches()


def _register_searches() -> None:
    from config.forms import register_search
    from grid.models import GridCell
    from organizations.models import Organization

    register_search(Organization, "organizations:search_organizations")
    register_search(GridCell, "organizations:search_grid_cells")

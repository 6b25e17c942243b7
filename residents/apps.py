"""The app's configuration: rule figures, reminder rules and role grants, registered by each
topic's module as it is added."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    name = "residents"
    verbose_name = _("Serving residents")

    def ready(self) -> None:
        from residents import registrations
        from residents.models.households import ensure_need_categories
        from residents.models.problems import ensure_problem_categories

        registrations.register()
        post_migrate.connect(ensure_need_categories, sender=self)
        post_migrate.connect(ensure_problem_categories, sender=self)

"""Household visits 入户走访: a grid worker (or anyone who sees the grid cell) calls on a
household and notes what was found, with the residents' problem raised from the visit if
there was one. A household with a resident in need is due a visit once its last visit is
``residents.household_visit_days`` (default 30) days ago, or when it has never had one."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.text import long_text
from grid.models import Household
from residents.models.problems import Problem


class HouseholdVisit(models.Model):
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        related_name="household_visits",
        verbose_name=_("household"),
    )
    visited_on = models.DateField(_("date of the visit"))
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("household visit", "visitor"),
    )
    note = long_text(pgettext_lazy("household visit", "what was found"))
    problem = models.ForeignKey(
        Problem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="household_visits",
        verbose_name=pgettext_lazy("household visit", "problem raised"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("household visit")
        verbose_name_plural = _("household visits")
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["household", "visited_on"])]

    def __str__(self) -> str:
        return f"{self.visited_on:%Y-%m-%d} {self.household}"

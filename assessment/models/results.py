"""A scheme's result for one organization: total, rank, grade and incentive, and from
publication on the scores it was computed from, frozen; and, where the scheme ranks its cadres,
the result of each secretary and committee member of an assessed organization."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment.models.schemes import Scheme
from organizations.models import Organization, Role


class Result(models.Model):
    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.CASCADE,
        related_name="results",
        verbose_name=_("assessment scheme"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="assessment_results",
        verbose_name=_("organization"),
    )
    total = models.DecimalField(
        pgettext_lazy("assessment result", "total score"), max_digits=7, decimal_places=2
    )
    rank = models.PositiveIntegerField(pgettext_lazy("assessment result", "rank"))
    grade = models.CharField(pgettext_lazy("assessment result", "grade"), max_length=40, blank=True)
    incentive = models.DecimalField(
        pgettext_lazy("assessment result", "incentive coefficient"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    # from publication: {indicator id: the score's value, points, reason and measure}
    frozen = models.JSONField(
        pgettext_lazy("assessment result", "scores at publication"), default=dict, blank=True
    )
    computed_at = models.DateTimeField(pgettext_lazy("assessment result", "computed at"))

    class Meta:
        verbose_name = _("assessment result")
        verbose_name_plural = _("assessment results")
        ordering = ["scheme_id", "rank", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "organization"],
                name="one_result_per_scheme_and_organization",
            )
        ]

    def __str__(self) -> str:
        return f"{self.scheme} {self.organization} {self.total}"


class CadreResult(models.Model):
    """A cadre's result: the total of the organization they served in the post during the
    period (the cadre answers for it), ranked among the scheme's cadres, with its grade and
    incentive. The name is kept as it was, so that a published result stays as published."""

    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.CASCADE,
        related_name="cadre_results",
        verbose_name=_("assessment scheme"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="assessment_cadre_results",
        verbose_name=_("organization"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessment_cadre_results",
        verbose_name=pgettext_lazy("assessment cadre", "cadre"),
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("post"), max_length=30, choices=Role.choices)
    total = models.DecimalField(
        pgettext_lazy("assessment result", "total score"), max_digits=7, decimal_places=2
    )
    rank = models.PositiveIntegerField(pgettext_lazy("assessment result", "rank"))
    grade = models.CharField(pgettext_lazy("assessment result", "grade"), max_length=40, blank=True)
    incentive = models.DecimalField(
        pgettext_lazy("assessment result", "incentive coefficient"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    computed_at = models.DateTimeField(pgettext_lazy("assessment result", "computed at"))

    class Meta:
        verbose_name = _("cadre's assessment result")
        verbose_name_plural = _("cadres' assessment results")
        ordering = ["scheme_id", "rank", "organization__name", "role", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "organization", "user", "role"],
                name="one_cadre_result_per_scheme_post",
            )
        ]

    def __str__(self) -> str:
        return f"{self.scheme} {self.name} {self.total}"

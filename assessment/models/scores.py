"""The scores of a scheme's sheets: one per organization and indicator, computed from the
records (with the measure behind it) or given by a reviewer with a reason; and the changes
made to a score after the results were published."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from assessment.models.schemes import Indicator, Scheme
from config.text import long_text
from organizations.models import Organization


class Score(models.Model):
    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assessment scheme")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="assessment_scores",
        verbose_name=_("organization"),
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="scores", verbose_name=_("indicator")
    )
    value = models.DecimalField(
        pgettext_lazy("assessment score", "score"), max_digits=6, decimal_places=2
    )
    reason = long_text(_("reason"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("assessment score", "scored by"),
    )
    scored_at = models.DateTimeField(pgettext_lazy("assessment score", "scored at"))
    # for a computed indicator: the metric's figure and how it was reached
    measure = models.DecimalField(
        pgettext_lazy("assessment score", "measured value"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
    )
    numerator = models.DecimalField(
        pgettext_lazy("assessment score", "numerator"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
    )
    denominator = models.DecimalField(
        pgettext_lazy("assessment score", "denominator"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
    )
    records = models.CharField(
        pgettext_lazy("assessment score", "records"), max_length=500, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["scheme_id", "organization_id", "indicator_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "organization", "indicator"],
                name="one_score_per_scheme_organization_indicator",
                violation_error_message=_("This organization already has a score here."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.indicator} {self.value}"


class ScoreChange(models.Model):
    """A score changed after its scheme's results were published, by whom and why."""

    score = models.ForeignKey(
        Score, on_delete=models.CASCADE, related_name="changes", verbose_name=_("score")
    )
    old_value = models.DecimalField(
        pgettext_lazy("assessment score change", "old score"), max_digits=6, decimal_places=2
    )
    new_value = models.DecimalField(
        pgettext_lazy("assessment score change", "new score"), max_digits=6, decimal_places=2
    )
    reason = long_text(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=pgettext_lazy("assessment score change", "changed by"),
    )
    changed_at = models.DateTimeField(
        pgettext_lazy("assessment score change", "changed at"), auto_now_add=True
    )

    class Meta:
        verbose_name = _("score change")
        verbose_name_plural = _("score changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.score}: {self.old_value} → {self.new_value}"

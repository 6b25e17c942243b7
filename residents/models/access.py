"""The log of unmaskings of a resident's ID number or phone, or of the phone a problem's
resident left: who, whose, what, when and where (page, admin, API)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import SensitiveAccess
from residents.models.households import ResidentInNeed
from residents.models.problems import Problem


class ResidentDataAccess(models.Model):
    """One unmasking of a resident in need's ID number or phone, or of a problem's phone."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("residents unmasking", "who"),
    )
    resident = models.ForeignKey(
        ResidentInNeed,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="accesses",
        verbose_name=_("resident in need"),
    )
    problem = models.ForeignKey(
        Problem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="accesses",
        verbose_name=_("residents' problem"),
    )
    fields = models.CharField(pgettext_lazy("residents unmasking", "what"), max_length=50)
    channel = models.CharField(
        pgettext_lazy("residents unmasking", "where"),
        max_length=10,
        choices=SensitiveAccess.Channel.choices,
    )
    at = models.DateTimeField(
        pgettext_lazy("residents unmasking", "when"), auto_now_add=True, db_index=True
    )

    class Meta:
        verbose_name = _("unmasking of a resident's personal data")
        verbose_name_plural = _("residents' unmasking log")
        ordering = ["-at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resident__isnull=False, problem__isnull=True)
                | Q(resident__isnull=True, problem__isnull=False),
                name="resident_access_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.resident or self.problem} ({self.fields})"

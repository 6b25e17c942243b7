"""Weak and lax organizations 软弱涣散基层党组织: a street's criteria (admin-editable
thresholds, each on or off), the flags the system proposes for a branch with its reasons, the
decisions the level above takes on them, and the rectification plan it signs off."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.text import long_text
from organizations.models import Organization, OrgKind

# the kinds of organization a flag may concern
FLAGGED_KINDS = (OrgKind.BRANCH, OrgKind.GENERAL_BRANCH)


class WeakCriteria(models.Model):
    """The criteria of one street: each may be switched off, each figure changed."""

    organization = models.OneToOneField(
        Organization,
        on_delete=models.CASCADE,
        related_name="weak_criteria",
        limit_choices_to={"kind": OrgKind.STREET_COMMITTEE},
        verbose_name=pgettext_lazy("assessment scheme", "street working committee"),
    )
    check_secretary = models.BooleanField(
        pgettext_lazy("weak criteria", "check: no secretary"), default=True
    )
    months_without_secretary = models.PositiveSmallIntegerField(
        pgettext_lazy("weak criteria", "months without a secretary"), default=6
    )
    check_meetings = models.BooleanField(
        pgettext_lazy("weak criteria", "check: required meetings missing"), default=True
    )
    quarters_of_missing_meetings = models.PositiveSmallIntegerField(
        pgettext_lazy("weak criteria", "quarters running with no required meeting held"),
        default=1,
    )
    check_members = models.BooleanField(
        pgettext_lazy("weak criteria", "check: too few full members"), default=True
    )
    min_full_members = models.PositiveSmallIntegerField(
        pgettext_lazy("weak criteria", "minimum of full members"), default=3
    )
    check_results = models.BooleanField(
        pgettext_lazy("weak criteria", "check: last in its community"), default=True
    )
    years_last_in_community = models.PositiveSmallIntegerField(
        pgettext_lazy("weak criteria", "years running last in its community"), default=2
    )

    class Meta:
        verbose_name = _("criteria of weak and lax organizations")
        verbose_name_plural = _("criteria of weak and lax organizations")
        ordering = ["organization__path"]

    def __str__(self) -> str:
        return str(self.organization)

    def clean(self) -> None:
        errors = {}
        if self.organization_id and self.organization.kind != OrgKind.STREET_COMMITTEE:
            errors["organization"] = _("The criteria belong to a street working committee.")
        for name in (
            "months_without_secretary",
            "quarters_of_missing_meetings",
            "min_full_members",
            "years_last_in_community",
        ):
            if getattr(self, name) is not None and getattr(self, name) < 1:
                errors[name] = _("Give a figure of at least 1.")
        if errors:
            raise ValidationError(errors)


class FlagState(models.TextChoices):
    FLAGGED = "flagged", pgettext_lazy("weak flag state", "flagged, not yet decided")
    CONFIRMED = "confirmed", pgettext_lazy("weak flag state", "confirmed as weak and lax")
    DISMISSED = "dismissed", pgettext_lazy("weak flag state", "dismissed")
    RECTIFIED = "rectified", pgettext_lazy("weak flag state", "rectified and signed off")


OPEN_STATES = (FlagState.FLAGGED, FlagState.CONFIRMED)


class WeakFlag(models.Model):
    """A branch the system found meeting the criteria, with the reasons (a list of
    ``{"code": ..., figures...}`` rendered by assessment.selectors.weak.reason_text); the
    level above confirms or dismisses it, and signs off its rectification."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="weak_flags",
        verbose_name=_("organization"),
    )
    street = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("assessment scheme", "street working committee"),
    )
    reviewed_on = models.DateField(pgettext_lazy("weak flag", "reviewed on"))
    reasons = models.JSONField(pgettext_lazy("weak flag", "reasons"), default=list)
    state = models.CharField(
        pgettext_lazy("weak flag state", "state"),
        max_length=20,
        choices=FlagState.choices,
        default=FlagState.FLAGGED,
    )
    flagged_at = models.DateTimeField(pgettext_lazy("weak flag", "flagged at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("weak flag", "decided by"),
    )
    decided_at = models.DateTimeField(
        pgettext_lazy("weak flag", "decided at"), null=True, blank=True
    )
    dismissal_reason = long_text(pgettext_lazy("weak flag", "reason for dismissal"), blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("weak flag", "signed off by"),
    )
    signed_off_at = models.DateTimeField(
        pgettext_lazy("weak flag", "signed off at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("weak and lax organization flag")
        verbose_name_plural = _("weak and lax organization flags")
        ordering = ["-reviewed_on", "organization__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(state__in=["flagged", "confirmed"]),
                name="one_open_weak_flag_per_organization",
                violation_error_message=_("This organization already has an open flag."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.reviewed_on}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def codes(self) -> set[str]:
        return {reason.get("code") for reason in self.reasons or []}


class RectificationPlan(models.Model):
    flag = models.OneToOneField(
        WeakFlag,
        on_delete=models.CASCADE,
        related_name="plan",
        verbose_name=_("weak and lax organization flag"),
    )
    summary = long_text(pgettext_lazy("rectification plan", "summary"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("rectification plan", "drawn up by"),
    )
    created_at = models.DateTimeField(pgettext_lazy("rectification plan", "drawn up at"))

    class Meta:
        verbose_name = _("rectification plan")
        verbose_name_plural = _("rectification plans")

    def __str__(self) -> str:
        return str(self.flag)


class RectificationItem(models.Model):
    plan = models.ForeignKey(
        RectificationPlan,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("rectification plan"),
    )
    text = models.CharField(pgettext_lazy("rectification item", "measure"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("rectification item", "owner"),
    )
    owner_name = models.CharField(
        pgettext_lazy("rectification item", "owner (name)"), max_length=50, blank=True
    )
    deadline = models.DateField(pgettext_lazy("rectification item", "deadline"))
    done_at = models.DateTimeField(
        pgettext_lazy("rectification item", "done at"), null=True, blank=True
    )
    evidence = long_text(pgettext_lazy("rectification item", "evidence"), blank=True)
    order = models.PositiveSmallIntegerField(
        pgettext_lazy("rectification item", "order"), default=0
    )

    class Meta:
        verbose_name = _("rectification item")
        verbose_name_plural = _("rectification items")
        ordering = ["plan_id", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def owner_label(self) -> str:
        if self.owner_id:
            return self.owner.get_full_name() or self.owner.get_username()
        return self.owner_name

    def clean(self) -> None:
        if not self.owner_id and not (self.owner_name or "").strip():
            raise ValidationError({"owner_name": _("Name the owner of the measure.")})

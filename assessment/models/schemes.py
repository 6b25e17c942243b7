"""An assessment scheme: the street that owns it, the level and period it covers, its
categories and indicators (weights, maximum scores, reviewers) and its grade bands."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment.metrics import registry
from organizations.models import Organization, OrgKind


class SchemeLevel(models.TextChoices):
    """The kind of organization a scheme ranks (the values are those of OrgKind)."""

    BRANCH = OrgKind.BRANCH.value, pgettext_lazy("assessment level", "party branches")
    GENERAL_BRANCH = (
        OrgKind.GENERAL_BRANCH.value,
        pgettext_lazy("assessment level", "general party branches"),
    )
    COMMUNITY = (
        OrgKind.COMMUNITY_COMMITTEE.value,
        pgettext_lazy("assessment level", "community party committees"),
    )


class PeriodKind(models.TextChoices):
    YEAR = "year", pgettext_lazy("assessment period", "year")
    HALF_YEAR = "half_year", pgettext_lazy("assessment period", "half-year")


class SchemeState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("assessment scheme state", "draft")
    OPEN = "open", pgettext_lazy("assessment scheme state", "open for scoring")
    PUBLISHED = "published", pgettext_lazy("assessment scheme state", "published")


class ComputingState(models.TextChoices):
    """Where the background computation of a scheme's results stands."""

    IDLE = "idle", pgettext_lazy("assessment computing state", "idle")
    QUEUED = "queued", pgettext_lazy("assessment computing state", "queued")
    RUNNING = "running", pgettext_lazy("assessment computing state", "running")
    FAILED = "failed", pgettext_lazy("assessment computing state", "failed")


class IndicatorKind(models.TextChoices):
    COMPUTED = "computed", pgettext_lazy("assessment indicator kind", "computed from the records")
    REVIEWED = "reviewed", pgettext_lazy("assessment indicator kind", "scored by reviewers")


class Scheme(models.Model):
    """One street's assessment of one level of organizations over a year or a half-year."""

    name = models.CharField(_("name"), max_length=100)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="assessment_schemes",
        limit_choices_to={"kind": OrgKind.STREET_COMMITTEE},
        verbose_name=pgettext_lazy("assessment scheme", "street working committee"),
    )
    level = models.CharField(
        pgettext_lazy("assessment level", "level"), max_length=30, choices=SchemeLevel.choices
    )
    period_kind = models.CharField(
        pgettext_lazy("assessment period", "period"),
        max_length=20,
        choices=PeriodKind.choices,
        default=PeriodKind.YEAR,
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    scoring_deadline = models.DateField(pgettext_lazy("assessment scheme", "scoring deadline"))
    state = models.CharField(
        pgettext_lazy("assessment scheme state", "state"),
        max_length=20,
        choices=SchemeState.choices,
        default=SchemeState.DRAFT,
        editable=False,
    )
    computed_at = models.DateTimeField(
        pgettext_lazy("assessment scheme", "computed at"), null=True, blank=True, editable=False
    )
    published_at = models.DateTimeField(
        pgettext_lazy("assessment scheme", "published at"), null=True, blank=True, editable=False
    )
    # progress of the background computation (assessment.tasks), written as it goes
    computing_state = models.CharField(
        pgettext_lazy("assessment computing state", "computation"),
        max_length=10,
        choices=ComputingState.choices,
        default=ComputingState.IDLE,
        editable=False,
    )
    computing_started_at = models.DateTimeField(
        pgettext_lazy("assessment computing state", "computation started at"),
        null=True,
        blank=True,
        editable=False,
    )
    computing_done = models.PositiveSmallIntegerField(
        pgettext_lazy("assessment computing state", "steps done"), default=0, editable=False
    )
    computing_total = models.PositiveSmallIntegerField(
        pgettext_lazy("assessment computing state", "steps in all"), default=0, editable=False
    )
    computing_error = models.CharField(
        pgettext_lazy("assessment computing state", "computation error"),
        max_length=300,
        blank=True,
        editable=False,
    )
    # queued, but not yet handed to the task queue (it was unreachable): handed over again by
    # assessment.unsent_computations_send, which beat runs every minute
    computing_unsent = models.BooleanField(
        pgettext_lazy("assessment computing state", "waiting for the task queue"),
        default=False,
        editable=False,
    )
    rank_cadres = models.BooleanField(
        pgettext_lazy("assessment scheme", "also rank the cadres"),
        default=False,
        help_text=_(
            "Give each secretary, deputy secretary and committee member of the assessed "
            "organizations a result: the total of the organization they served during the "
            "period, ranked among the cadres."
        ),
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        editable=False,
        verbose_name=pgettext_lazy("assessment scheme", "copied from"),
    )

    class Meta:
        verbose_name = _("assessment scheme")
        verbose_name_plural = _("assessment schemes")
        ordering = ["-starts_on", "organization_id", "level"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="scheme_ends_after_start",
                violation_error_message=_("A scheme cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["organization", "level", "starts_on"],
                name="one_scheme_per_street_level_and_start",
                violation_error_message=_(
                    "This street already has a scheme for this level starting on that day."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.state == SchemeState.PUBLISHED

    @property
    def is_computing(self) -> bool:
        return self.computing_state in (ComputingState.QUEUED, ComputingState.RUNNING)

    def clean(self) -> None:
        errors = {}
        if self.organization_id and self.organization.kind != OrgKind.STREET_COMMITTEE:
            errors["organization"] = _("A scheme belongs to a street working committee.")
        if self.starts_on and self.scoring_deadline and self.scoring_deadline < self.starts_on:
            errors["scoring_deadline"] = _(
                "The scoring deadline cannot come before the period starts."
            )
        if errors:
            raise ValidationError(errors)


class Category(models.Model):
    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.CASCADE,
        related_name="categories",
        verbose_name=_("assessment scheme"),
    )
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(
        pgettext_lazy("assessment category", "order"), default=0
    )

    class Meta:
        verbose_name = _("indicator category")
        verbose_name_plural = _("indicator categories")
        ordering = ["scheme_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "name"],
                name="category_name_unique_in_scheme",
                violation_error_message=_("This scheme already has a category of that name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    """A line of the score sheet. A computed indicator names a registered metric; its score is
    ``max_score`` scaled by how close the metric's value comes to ``target``."""

    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("assessment scheme"),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("indicator category"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        pgettext_lazy("assessment indicator kind", "kind"),
        max_length=20,
        choices=IndicatorKind.choices,
        default=IndicatorKind.REVIEWED,
    )
    metric = models.CharField(
        pgettext_lazy("assessment indicator", "metric"),
        max_length=60,
        blank=True,
        choices=registry.choices,
        help_text=_("For a computed indicator: what is computed from the records."),
    )
    weight = models.DecimalField(
        pgettext_lazy("assessment indicator", "weight"),
        max_digits=5,
        decimal_places=2,
        help_text=_("The weights of a scheme's indicators add up to 100."),
    )
    max_score = models.DecimalField(
        pgettext_lazy("assessment indicator", "maximum score"), max_digits=6, decimal_places=2
    )
    target = models.DecimalField(
        pgettext_lazy("assessment indicator", "target"),
        max_digits=12,
        decimal_places=4,
        default=1,
        help_text=_(
            "For a computed indicator: the value that earns the full score (1 for a share)."
        ),
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assessment_indicators",
        verbose_name=pgettext_lazy("assessment indicator", "reviewers"),
    )
    order = models.PositiveSmallIntegerField(
        pgettext_lazy("assessment indicator", "order"), default=0
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["scheme_id", "category__order", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_computed(self) -> bool:
        return self.kind == IndicatorKind.COMPUTED

    def clean(self) -> None:
        errors = {}
        if self.category_id and self.scheme_id and self.category.scheme_id != self.scheme_id:
            errors["category"] = _("The category belongs to another scheme.")
        if self.kind == IndicatorKind.COMPUTED and not self.metric:
            errors["metric"] = _("A computed indicator names the metric it is computed with.")
        if self.kind == IndicatorKind.REVIEWED and self.metric:
            errors["metric"] = _("An indicator scored by reviewers has no metric.")
        if self.max_score is not None and self.max_score <= 0:
            errors["max_score"] = _("The maximum score must be above 0.")
        if self.target is not None and self.target <= 0:
            errors["target"] = _("The target must be above 0.")
        if errors:
            raise ValidationError(errors)


class GradeBand(models.Model):
    """A grade and what it brings: the first band (in order) whose minimum the total reaches."""

    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.CASCADE,
        related_name="grade_bands",
        verbose_name=_("assessment scheme"),
    )
    name = models.CharField(pgettext_lazy("assessment grade band", "grade"), max_length=40)
    min_total = models.DecimalField(
        pgettext_lazy("assessment grade band", "minimum total"), max_digits=7, decimal_places=2
    )
    incentive = models.DecimalField(
        pgettext_lazy("assessment grade band", "incentive coefficient"),
        max_digits=5,
        decimal_places=2,
        default=1,
        help_text=_("For example the bonus coefficient this grade brings."),
    )
    order = models.PositiveSmallIntegerField(
        pgettext_lazy("assessment grade band", "order"), default=0
    )

    class Meta:
        verbose_name = _("grade band")
        verbose_name_plural = _("grade bands")
        ordering = ["scheme_id", "order", "-min_total"]

    def __str__(self) -> str:
        return self.name

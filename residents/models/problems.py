"""Residents' problems (群众诉求): a problem reported from a visit, a call or a walk-in, its
category and deadline, its steps from reported to the resident's satisfaction, its escalation
from the grid to the community and the street, and its photos.

States: reported → assigned → in progress → resolved → confirmed (the resident satisfied or
basically satisfied); not satisfied → reopened (assigned and worked on again). Escalation moves
an open problem up one level (grid → community → street) and leaves it escalated, waiting for
an assignee at the new level. A duplicate merged into another problem is closed as merged.
The deadline (``due_on``) is the day of reporting plus the category's deadline days; an
escalation or a reopening starts a new deadline of the same length from its own day.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from config.text import long_text


class ProblemChannel(models.TextChoices):
    VISIT = "visit", pgettext_lazy("problem channel", "visit")
    PHONE = "phone", pgettext_lazy("problem channel", "phone call")
    WALK_IN = "walk_in", pgettext_lazy("problem channel", "walk-in")


class ProblemState(models.TextChoices):
    REPORTED = "reported", pgettext_lazy("problem state", "reported")
    ASSIGNED = "assigned", pgettext_lazy("problem state", "assigned")
    IN_PROGRESS = "in_progress", pgettext_lazy("problem state", "in progress")
    RESOLVED = "resolved", pgettext_lazy("problem state", "resolved")
    CONFIRMED = "confirmed", pgettext_lazy("problem state", "confirmed")
    REOPENED = "reopened", pgettext_lazy("problem state", "reopened")
    ESCALATED = "escalated", pgettext_lazy("problem state", "escalated")
    MERGED = "merged", pgettext_lazy("problem state", "merged")


# still to be dealt with: they have a deadline, are reminded and escalated
OPEN_STATES = (
    ProblemState.REPORTED,
    ProblemState.ASSIGNED,
    ProblemState.IN_PROGRESS,
    ProblemState.REOPENED,
    ProblemState.ESCALATED,
)


class ProblemLevel(models.TextChoices):
    GRID = "grid", pgettext_lazy("problem level", "grid")
    COMMUNITY = "community", pgettext_lazy("problem level", "community")
    STREET = "street", pgettext_lazy("problem level", "street")


NEXT_LEVEL = {
    ProblemLevel.GRID: ProblemLevel.COMMUNITY,
    ProblemLevel.COMMUNITY: ProblemLevel.STREET,
}


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", pgettext_lazy("satisfaction", "satisfied")
    BASICALLY = "basically", pgettext_lazy("satisfaction", "basically satisfied")
    NOT_SATISFIED = "not_satisfied", pgettext_lazy("satisfaction", "not satisfied")


class ProblemAction(models.TextChoices):
    REPORTED = "reported", pgettext_lazy("problem action", "reported")
    ASSIGNED = "assigned", pgettext_lazy("problem action", "assigned")
    STARTED = "started", pgettext_lazy("problem action", "started")
    RESOLVED = "resolved", pgettext_lazy("problem action", "resolved")
    CONFIRMED = "confirmed", pgettext_lazy("problem action", "confirmed")
    REOPENED = "reopened", pgettext_lazy("problem action", "reopened")
    ESCALATED = "escalated", pgettext_lazy("problem action", "escalated")
    AUTO_ESCALATED = (
        "auto_escalated",
        pgettext_lazy("problem action", "escalated after the deadline"),
    )
    MERGED = "merged", pgettext_lazy("problem action", "merged into another")
    MERGED_IN = "merged_in", pgettext_lazy("problem action", "duplicate merged in")


# code, name, deadline days: the built-in categories, created after migrate
BUILT_IN_CATEGORIES = (
    ("employment", _("Employment"), 10),
    ("living_difficulty", _("Living difficulty"), 7),
    ("public_security", _("Public security"), 3),
    ("environment", _("Environment"), 5),
    ("neighbourhood_dispute", _("Neighbourhood dispute"), 7),
    ("other", _("Other"), 10),
)


class ProblemCategory(models.Model):
    """A kind of problem with its deadline; admin-editable (deactivate instead of deleting)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    deadline_days = models.PositiveSmallIntegerField(
        _("deadline (days)"), default=7, help_text=_("Days from reporting to deal with it.")
    )
    order = models.PositiveSmallIntegerField(pgettext_lazy("problem category", "order"), default=0)
    active = models.BooleanField(pgettext_lazy("problem category", "active"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("problem category")
        verbose_name_plural = _("problem categories")

    def __str__(self) -> str:
        return self.name


class Problem(models.Model):
    grid_cell = models.ForeignKey(
        "grid.GridCell",
        on_delete=models.PROTECT,
        related_name="problems",
        verbose_name=_("grid cell"),
    )
    category = models.ForeignKey(
        ProblemCategory,
        on_delete=models.PROTECT,
        related_name="problems",
        verbose_name=_("category"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ProblemChannel.choices)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reported_problems",
        verbose_name=_("entered by"),
    )
    resident_name = models.CharField(_("resident"), max_length=50, blank=True)
    resident_phone = models.CharField(_("resident's phone"), max_length=20, blank=True)
    description = long_text(_("description"))
    reported_on = models.DateField(_("reported on"))
    state = models.CharField(
        pgettext_lazy("problem state", "state"),
        max_length=12,
        choices=ProblemState.choices,
        default=ProblemState.REPORTED,
    )
    level = models.CharField(
        pgettext_lazy("problem level", "level"),
        max_length=10,
        choices=ProblemLevel.choices,
        default=ProblemLevel.GRID,
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible organization"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_problems",
        verbose_name=_("assignee"),
    )
    due_on = models.DateField(_("deadline"))
    resolution = long_text(_("resolution"), blank=True)
    satisfaction = models.CharField(
        _("satisfaction"), max_length=15, choices=Satisfaction.choices, blank=True
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("merged into"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["resident_phone"])

    class Meta:
        ordering = ["-reported_on", "-pk"]
        indexes = [models.Index(fields=["state", "due_on"])]
        verbose_name = _("residents' problem")
        verbose_name_plural = _("residents' problems")

    def __str__(self) -> str:
        return f"{self.category} · {self.description[:30]}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class ProblemEvent(models.Model):
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=15, choices=ProblemAction.choices)
    state_before = models.CharField(max_length=12, choices=ProblemState.choices, blank=True)
    state_after = models.CharField(max_length=12, choices=ProblemState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )  # empty: the automatic escalation
    at = models.DateTimeField(pgettext_lazy("problem step", "at"))
    note = long_text(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("problem step")
        verbose_name_plural = _("problem steps")

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.at:%Y-%m-%d %H:%M}"


class ProblemPhoto(models.Model):
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(pgettext_lazy("problem photo", "file"), upload_to="problems/%Y/%m/")
    content_type = models.CharField(max_length=50)
    original_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("problem photo")
        verbose_name_plural = _("problem photos")

    def __str__(self) -> str:
        return self.original_name or self.file.name


def ensure_problem_categories(**kwargs) -> None:
    """After migrate (and after a test flush): the built-in categories exist; one an admin
    changed is left as it is."""
    existing = set(ProblemCategory.objects.values_list("code", flat=True))
    ProblemCategory.objects.bulk_create(
        [
            ProblemCategory(code=code, name=str(name), deadline_days=days, order=order * 10)
            for order, (code, name, days) in enumerate(BUILT_IN_CATEGORIES, start=1)
            if code not in existing
        ]
    )

"""Reports submitted to the level above: an activity, or a monthly or quarterly summary."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from activities.models.activity import Activity
from config.text import long_text
from organizations.models import Organization


class ReportKind(models.TextChoices):
    ACTIVITY = "activity", pgettext_lazy("report kind", "activity record")
    MONTHLY = "monthly", pgettext_lazy("report kind", "monthly summary")
    QUARTERLY = "quarterly", pgettext_lazy("report kind", "quarterly summary")


class ReportState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report state", "draft")
    SUBMITTED = "submitted", pgettext_lazy("report state", "submitted")
    APPROVED = "approved", pgettext_lazy("report state", "approved")
    RETURNED = "returned", pgettext_lazy("report state", "returned")


# a report in these states locks itself and its activity until it is returned
LOCKING_STATES = (ReportState.SUBMITTED, ReportState.APPROVED)


class Report(models.Model):
    """States: draft → submitted → approved, or → returned (with comments) → submitted again.
    An approved report is read-only. ``fingerprint`` is a digest of what was last submitted,
    so that a resubmission without any correction is refused."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("submitted by organization"),
    )
    reviewing_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="reports_to_review",
        verbose_name=_("submitted to"),
    )
    kind = models.CharField(
        pgettext_lazy("report kind", "kind"), max_length=20, choices=ReportKind.choices
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("activity"),
    )
    period_start = models.DateField(
        _("period"), null=True, blank=True, help_text=_("First day of the month or quarter.")
    )
    title = models.CharField(pgettext_lazy("report", "title"), max_length=200)
    remarks = long_text(_("remarks of the organization"), blank=True)
    summary = models.JSONField(_("summary figures"), default=dict, blank=True)
    state = models.CharField(
        pgettext_lazy("report state", "state"),
        max_length=20,
        choices=ReportState.choices,
        default=ReportState.DRAFT,
    )
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_comments = long_text(_("comments of the reviewer"), blank=True)
    times_returned = models.PositiveSmallIntegerField(_("times returned"), default=0)

    # every step is a ReportEvent row: who, when, comments

    history = HistoricalRecords(excluded_fields=["fingerprint", "updated_at"])

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        permissions = [("review_report", _("Can approve or return reports of lower organizations"))]
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="activity") & Q(activity__isnull=False, period_start__isnull=True)
                )
                | (~Q(kind="activity") & Q(activity__isnull=True, period_start__isnull=False)),
                name="report_has_activity_or_period",
                violation_error_message=_(
                    "A report is either of one activity or a summary of a month or quarter."
                ),
            ),
            models.UniqueConstraint(
                fields=["activity"],
                condition=Q(activity__isnull=False),
                name="one_report_per_activity",
                violation_error_message=_("This activity already has a report."),
            ),
            models.UniqueConstraint(
                fields=["organization", "kind", "period_start"],
                condition=Q(period_start__isnull=False),
                name="one_summary_per_period",
                violation_error_message=_(
                    "This organization already has a summary for this period."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["state", "submitted_at"], name="report_state_submitted"),
            models.Index(fields=["reviewing_organization", "state"], name="report_reviewer_state"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read_only(self) -> bool:
        return self.state in LOCKING_STATES

    def clean(self) -> None:
        errors = {}
        if self.kind == ReportKind.ACTIVITY and not self.activity_id:
            errors["activity"] = _("Choose the activity to report.")
        if self.kind in (ReportKind.MONTHLY, ReportKind.QUARTERLY):
            if not self.period_start:
                errors["period_start"] = _("Choose the month or quarter of the summary.")
            elif self.period_start.day != 1 or (
                self.kind == ReportKind.QUARTERLY and self.period_start.month % 3 != 1
            ):
                errors["period_start"] = _(
                    "A period starts on the first day of a month or quarter."
                )
        if (
            self.activity_id
            and self.organization_id
            and self.activity.organization_id != self.organization_id
        ):
            errors["activity"] = _("The activity belongs to another organization.")
        if errors:
            raise ValidationError(errors)


class ReportAction(models.TextChoices):
    CREATED = "created", pgettext_lazy("report action", "created")
    EDITED = "edited", pgettext_lazy("report action", "edited")
    SUBMITTED = "submitted", pgettext_lazy("report action", "submitted")
    APPROVED = "approved", pgettext_lazy("report action", "approved")
    RETURNED = "returned", pgettext_lazy("report action", "returned with comments")
    RESUBMITTED = "resubmitted", pgettext_lazy("report action", "resubmitted")


class ReportEvent(models.Model):
    """One step of a report: who, when, what, with which comments."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="events", verbose_name=_("report")
    )
    action = models.CharField(_("step"), max_length=20, choices=ReportAction.choices)
    state_after = models.CharField(_("state after"), max_length=20, choices=ReportState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comments = long_text(_("comments"), blank=True)

    class Meta:
        verbose_name = _("report step")
        verbose_name_plural = _("report steps")
        ordering = ["report_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.report} {self.get_action_display()}"

"""Member education and training (党员教育培训): courses planned by level, their sessions and attendance."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.text import long_text
from members.models.member import Member
from organizations.models import Organization, OrgKind


class TrainingLevel(models.TextChoices):
    STREET = "street", pgettext_lazy("training level", "street")
    COMMUNITY = "community", pgettext_lazy("training level", "community")
    BRANCH = "branch", pgettext_lazy("training level", "branch")


# The level of a course follows from who organizes it; a party group's study is its branch's.
LEVEL_BY_KIND = {
    OrgKind.STREET_COMMITTEE: TrainingLevel.STREET,
    OrgKind.COMMUNITY_COMMITTEE: TrainingLevel.COMMUNITY,
    OrgKind.GENERAL_BRANCH: TrainingLevel.BRANCH,
    OrgKind.BRANCH: TrainingLevel.BRANCH,
}


class TrainingCourse(models.Model):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="training_courses",
        verbose_name=_("organized by"),
    )
    level = models.CharField(_("level"), max_length=20, choices=TrainingLevel.choices)
    title = models.CharField(pgettext_lazy("training course", "title"), max_length=150)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    planned_hours = models.DecimalField(_("planned class hours"), max_digits=5, decimal_places=1)
    description = long_text(_("description"), blank=True)

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="course_ends_after_start",
                violation_error_message=_("A course cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not self.organization_id:
            return
        level = LEVEL_BY_KIND.get(self.organization.kind)
        if level is None:
            raise ValidationError(
                {
                    "organization": _(
                        "Training is organized by a branch or a higher organization, not a %(kind)s."
                    )
                    % {"kind": self.organization.get_kind_display()}
                }
            )
        if self.level and self.level != level:
            raise ValidationError(
                {
                    "level": _("A course of a %(kind)s is at %(level)s level.")
                    % {
                        "kind": self.organization.get_kind_display(),
                        "level": TrainingLevel(level).label,
                    }
                }
            )


class TrainingSession(models.Model):
    course = models.ForeignKey(
        TrainingCourse, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("course")
    )
    held_on = models.DateField(_("held on"))
    topic = models.CharField(_("topic"), max_length=150)
    hours = models.DecimalField(_("class hours"), max_digits=4, decimal_places=1)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["held_on"]

    def __str__(self) -> str:
        return f"{self.course} {self.held_on}"

    def clean(self) -> None:
        errors = {}
        if self.hours is not None and self.hours <= 0:
            errors["hours"] = _("A session lasts more than 0 class hours.")
        if (
            self.course_id
            and self.held_on
            and not (self.course.starts_on <= self.held_on <= self.course.ends_on)
        ):
            errors["held_on"] = _("A session of this course is held from %(start)s to %(end)s.") % {
                "start": self.course.starts_on.isoformat(),
                "end": self.course.ends_on.isoformat(),
            }
        if errors:
            raise ValidationError(errors)


class TrainingAttendance(models.Model):
    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("session"),
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.CASCADE,
        related_name="training_attendance",
        verbose_name=_("member"),
    )
    hours = models.DecimalField(_("class hours credited"), max_digits=4, decimal_places=1)

    class Meta:
        verbose_name = _("training attendance")
        verbose_name_plural = _("training attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member"],
                name="one_attendance_per_session_and_member",
                violation_error_message=_("This member is already recorded for this session."),
            )
        ]
        indexes = [models.Index(fields=["member", "session"], name="training_member")]

    def __str__(self) -> str:
        return f"{self.member} {self.session}"

    def clean(self) -> None:
        if self.hours is None or not self.session_id:
            return
        if self.hours <= 0 or self.hours > self.session.hours:
            raise ValidationError(
                {
                    "hours": _(
                        "The session lasted %(hours)s class hours: credit more than 0 and at most that."
                    )
                    % {"hours": self.session.hours}
                }
            )

"""Member education and training (党员教育培训): courses planned by level, their sessions and attendance."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models.member import Member
from organizations.models import Organization


class TrainingLevel(models.TextChoices):
    STREET = "street", _("street")
    COMMUNITY = "community", _("community")
    BRANCH = "branch", _("branch")


class TrainingCourse(models.Model):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="training_courses",
        verbose_name=_("organized by"),
    )
    level = models.CharField(_("level"), max_length=20, choices=TrainingLevel.choices)
    title = models.CharField(_("title"), max_length=150)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    planned_hours = models.DecimalField(_("planned class hours"), max_digits=5, decimal_places=1)
    description = models.TextField(_("description"), blank=True)

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

"""An activity of a party organization, who attended it, and its attachments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from activities.models.types import ActivityType
from config.text import long_text
from members.models import Member
from organizations.models import Organization


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("activity status", "planned")
    HELD = "held", pgettext_lazy("activity status", "held")
    CANCELLED = "cancelled", pgettext_lazy("activity status", "cancelled")


class ActivityForm(models.TextChoices):
    """How the activity was run: the type mix shows how much is "reading documents"."""

    READING = "reading", pgettext_lazy("activity form", "reading documents")
    LECTURE = "lecture", pgettext_lazy("activity form", "lecture or talk")
    DISCUSSION = "discussion", pgettext_lazy("activity form", "discussion and exchange")
    PRACTICE = "practice", pgettext_lazy("activity form", "practice: service, visit, volunteering")
    OTHER = "other", pgettext_lazy("activity form", "other")


class ServiceNetwork(models.TextChoices):
    """The service networks of the community (DOMAIN.md): which one a service activity serves."""

    MEDICAL = "medical", pgettext_lazy("service network", "medical care")
    SECURITY = "security", pgettext_lazy("service network", "public security prevention")
    PAIRING = "pairing", pgettext_lazy("service network", "pairing assistance")
    VOLUNTEER = "volunteer", pgettext_lazy("service network", "volunteer service")


class Activity(models.Model):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("organization"),
    )
    activity_type = models.ForeignKey(
        ActivityType,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("activity type"),
    )
    status = models.CharField(
        pgettext_lazy("activity status", "status"),
        max_length=10,
        choices=ActivityStatus.choices,
        default=ActivityStatus.HELD,
    )
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=150, blank=True)
    topic = models.CharField(_("topic"), max_length=200)
    form = models.CharField(
        _("form"), max_length=20, choices=ActivityForm.choices, default=ActivityForm.DISCUSSION
    )
    speaker = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lessons_given",
        verbose_name=_("speaker"),
    )
    speaker_name = models.CharField(
        _("speaker from outside"),
        max_length=100,
        blank=True,
        help_text=_("When the speaker is not a member of the organization."),
    )
    speaker_is_secretary = models.BooleanField(_("the secretary spoke"), default=False)
    guests = long_text(_("guests"), blank=True)
    minutes = long_text(_("minutes"), blank=True)
    people_served = models.PositiveIntegerField(_("people served"), null=True, blank=True)
    network = models.CharField(
        _("service network"), max_length=20, choices=ServiceNetwork.choices, blank=True
    )
    project = models.ForeignKey(
        "activities.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("co-building project"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-held_on", "-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gte=models.F("starts_at")),
                name="activity_ends_after_start",
                violation_error_message=_("An activity cannot end before it starts."),
            )
        ]
        indexes = [
            models.Index(fields=["organization", "held_on"], name="activity_org_day"),
            models.Index(fields=["activity_type", "held_on"], name="activity_type_day"),
        ]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.topic}"

    @property
    def is_held(self) -> bool:
        return self.status == ActivityStatus.HELD

    def clean(self) -> None:
        errors = {}
        today = timezone.localdate()
        if self.held_on and self.status == ActivityStatus.HELD and self.held_on > today:
            errors["held_on"] = _(
                "An activity that was held cannot be dated in the future; record it as planned."
            )
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("An activity cannot end before it starts.")
        if self.activity_type_id and self.organization_id:
            kind = self.organization.kind
            if not self.activity_type.applies_to_kind(kind):
                errors["activity_type"] = _("A %(kind)s does not hold a %(type)s.") % {
                    "kind": self.organization.get_kind_display(),
                    "type": self.activity_type.label,
                }
        if self.activity_type_id and not self.activity_type.is_service:
            if self.people_served is not None:
                errors["people_served"] = _("People served are recorded for service activities.")
            if self.network:
                errors["network"] = _("A service network is chosen for service activities.")
        if self.speaker_id and self.speaker_name:
            errors["speaker_name"] = _(
                "Choose a member as speaker or name one from outside, not both."
            )
        if errors:
            raise ValidationError(errors)


# what a secretary records of an activity (the form, the API and the services share it)
RECORDED_FIELDS = (
    "activity_type",
    "status",
    "held_on",
    "starts_at",
    "ends_at",
    "place",
    "topic",
    "form",
    "speaker",
    "speaker_name",
    "speaker_is_secretary",
    "guests",
    "minutes",
    "people_served",
    "network",
    "project",
)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", pgettext_lazy("activity attendance", "present")
    LEAVE = "leave", pgettext_lazy("activity attendance", "absent with leave")
    ABSENT = "absent", pgettext_lazy("activity attendance", "absent without leave")


class Attendance(models.Model):
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("activity")
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        related_name="activity_attendance",
        verbose_name=_("member"),
    )
    status = models.CharField(
        pgettext_lazy("activity attendance", "attendance"),
        max_length=10,
        choices=AttendanceStatus.choices,
    )
    hours = models.DecimalField(
        _("service hours"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("For service activities: the hours this member served."),
    )
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["activity_id", "member_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "member"],
                name="one_attendance_per_activity_and_member",
                violation_error_message=_("This member is already recorded for this activity."),
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gt=0, status="present"),
                name="service_hours_only_when_present",
                violation_error_message=_("Only a member who was present has service hours."),
            ),
        ]
        indexes = [models.Index(fields=["member", "activity"], name="attendance_member")]

    def __str__(self) -> str:
        return f"{self.member} {self.get_status_display()}"


class AttachmentKind(models.TextChoices):
    IMAGE = "image", pgettext_lazy("attachment kind", "photo")
    PDF = "pdf", pgettext_lazy("attachment kind", "PDF document")


def attachment_path(instance: "Attachment", filename: str) -> str:
    # the stored name never reuses what the user typed: only the checked extension
    today = timezone.localdate()
    extension = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}.get(
        instance.content_type, "pdf"
    )
    return f"activities/{today:%Y/%m}/{instance.activity_id}-{timezone.now():%H%M%S%f}.{extension}"


class Attachment(models.Model):
    """A photo or PDF of an activity, checked by its content (not its name) before it is
    stored through Django's storage API; served only through a scoped view."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("activity")
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    kind = models.CharField(
        pgettext_lazy("attachment kind", "kind"), max_length=10, choices=AttachmentKind.choices
    )
    content_type = models.CharField(_("content type"), max_length=40)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    caption = models.CharField(_("caption"), max_length=150, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["activity_id", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name

"""The community's facilities (party member activity centre, community service centre,
health centre, cultural room…) and their bookings by organizations for a time slot.

A facility belongs to an owner organization (a community or street committee, a branch) and
may be shared with units of the co-building lists stationed in its community. Opening hours
are one daily window (``opens_at``–``closes_at``) on the weekdays listed in ``open_days``
(ISO numbers, Monday 1 … Sunday 7): simple, and enough for the rooms of a community.

No two booked bookings of a facility overlap. The service checks it with the facility's row
locked; on PostgreSQL the database also refuses it with the exclusion constraint
``booking_no_overlap`` that migration 0001 adds there only (SQLite has no exclusion
constraints; it serializes writers, so the locked check is enough there).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from activities.models import Activity
from grid.models import Community, GridCell
from organizations.models import Organization, UnitOrganization

OVERLAP_CONSTRAINT = "booking_no_overlap"
ALL_DAYS = "1234567"


class FacilityKind(models.TextChoices):
    PARTY_CENTRE = "party_centre", pgettext_lazy("facility kind", "party member activity centre")
    SERVICE_CENTRE = "service_centre", pgettext_lazy("facility kind", "community service centre")
    HEALTH_CENTRE = "health_centre", pgettext_lazy("facility kind", "health centre")
    CULTURAL_ROOM = "cultural_room", pgettext_lazy("facility kind", "cultural room")
    OTHER = "other", pgettext_lazy("facility kind", "other")


class BookingState(models.TextChoices):
    BOOKED = "booked", pgettext_lazy("booking state", "booked")
    CANCELLED = "cancelled", pgettext_lazy("booking state", "cancelled")


class Facility(models.Model):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(
        pgettext_lazy("facility kind", "kind"), max_length=20, choices=FacilityKind.choices
    )
    owner = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="facilities",
        verbose_name=_("owner organization"),
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facilities",
        verbose_name=_("community"),
    )
    grid_cell = models.ForeignKey(
        GridCell,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facilities",
        verbose_name=_("grid cell"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    open_days = models.CharField(
        _("open on weekdays"),
        max_length=7,
        default="12345",
        help_text=_("Weekday numbers, Monday 1 to Sunday 7, e.g. 12345 for Monday to Friday."),
    )
    shared_with = models.ManyToManyField(
        UnitOrganization,
        blank=True,
        related_name="shared_facilities",
        verbose_name=_("shared with units"),
    )
    active = models.BooleanField(pgettext_lazy("facility", "in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["owner__path", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="facility_closes_after_opening",
                violation_error_message=_("A facility closes after it opens."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def open_weekdays(self) -> list[int]:
        return sorted({int(c) for c in self.open_days if c in ALL_DAYS})


class Booking(models.Model):
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("facility")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="facility_bookings",
        verbose_name=_("booked for"),
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    purpose = models.CharField(_("purpose"), max_length=200)
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facility_bookings",
        verbose_name=pgettext_lazy("facility booking", "activity"),
    )
    state = models.CharField(
        pgettext_lazy("booking state", "state"),
        max_length=20,
        choices=BookingState.choices,
        default=BookingState.BOOKED,
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("facility booking")
        verbose_name_plural = _("facility bookings")
        ordering = ["facility_id", "starts_at", "id"]
        indexes = [models.Index(fields=["facility", "starts_at"], name="booking_facility_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="booking_ends_after_start",
                violation_error_message=_("A booking ends after it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.facility} {self.starts_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        # the admin's corrections too: no booked slot over another (the service also locks)
        if not (self.facility_id and self.starts_at and self.ends_at):
            return
        if self.state != BookingState.BOOKED or self.ends_at <= self.starts_at:
            return
        others = Booking.objects.filter(
            facility_id=self.facility_id,
            state=BookingState.BOOKED,
            starts_at__lt=self.ends_at,
            ends_at__gt=self.starts_at,
        ).exclude(pk=self.pk)
        if others.exists():
            raise ValidationError(
                {"starts_at": _("The facility is already booked for part of this time.")}
            )

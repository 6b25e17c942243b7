"""Mobile (floating) members 流动党员: members away from their branch, and members living
here whose membership is held elsewhere; their activity permits and the contact log."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import phone_validator
from config.text import long_text
from grid.models import GridCell
from members.models.member import Gender, Member
from organizations.models import Organization


class MobileCategory(models.TextChoices):
    MIGRANT_WORKER = (
        "migrant_worker",
        pgettext_lazy("mobile member category", "migrant worker or trader"),
    )
    MOVED = "moved", pgettext_lazy("mobile member category", "moved house without transferring")
    RETIREE = "retiree", pgettext_lazy("mobile member category", "retiree re-employed elsewhere")
    LAID_OFF = (
        "laid_off",
        pgettext_lazy("mobile member category", "laid-off state-enterprise worker"),
    )
    GRADUATE = (
        "graduate",
        pgettext_lazy("mobile member category", "graduate still looking for work"),
    )
    TALENT = "talent", pgettext_lazy("mobile member category", "highly mobile professional")


class MobileDirection(models.TextChoices):
    OUTGOING = "out", pgettext_lazy("mobile member direction", "away from the branch")
    INCOMING = "in", pgettext_lazy("mobile member direction", "living here, membership elsewhere")


class MobileEndReason(models.TextChoices):
    RETURNED = "returned", pgettext_lazy("mobile member end reason", "returned")
    TRANSFERRED = "transferred", pgettext_lazy("mobile member end reason", "membership transferred")
    LEFT = "left", pgettext_lazy("mobile member end reason", "no longer in the area")


class MobileMember(models.Model):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="mobile_members",
        verbose_name=_("responsible branch"),
    )
    direction = models.CharField(
        pgettext_lazy("mobile member direction", "direction"),
        max_length=3,
        choices=MobileDirection.choices,
    )
    category = models.CharField(
        pgettext_lazy("mobile member category", "category"),
        max_length=20,
        choices=MobileCategory.choices,
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mobile_records",
        verbose_name=_("member on our roll"),
    )
    # a member flowing in is not on our roll: who they are and where the membership is held
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    id_number = models.CharField(_("ID number"), max_length=18, blank=True)
    home_organization = models.CharField(
        _("organization holding the membership"), max_length=150, blank=True
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    whereabouts = models.CharField(_("where they are"), max_length=200)
    grid_cell = models.ForeignKey(
        GridCell,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mobile_members",
        verbose_name=_("grid cell of residence"),
    )
    away_since = models.DateField(_("since"))
    fixed_place = models.BooleanField(
        _("at a fixed place"),
        default=False,
        help_text=_(
            "Away six months or more at a fixed place: the membership should be transferred."
        ),
    )
    permit_number = models.CharField(_("activity permit number"), max_length=40, blank=True)
    permit_issued_on = models.DateField(_("permit issued on"), null=True, blank=True)
    permit_valid_until = models.DateField(_("permit valid until"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason"), max_length=20, choices=MobileEndReason.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mobile member")
        verbose_name_plural = _("mobile members")
        ordering = ["organization_id", "-away_since"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(ended_on__isnull=True, member__isnull=False),
                name="one_open_mobile_record_per_member",
                violation_error_message=_("This member already has an open mobile record."),
            ),
            models.CheckConstraint(
                condition=Q(permit_valid_until__isnull=True)
                | Q(permit_issued_on__isnull=True)
                | Q(permit_valid_until__gte=F("permit_issued_on")),
                name="permit_valid_after_issued",
                violation_error_message=_(
                    "A permit cannot be valid until a day before it was issued."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("away_since")),
                name="mobile_ends_after_it_starts",
                violation_error_message=_("A mobile record cannot end before it starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "ended_on"], name="mobile_open"),
            models.Index(fields=["permit_valid_until"], name="mobile_permit"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.member.name if self.member_id else self.name

    def clean(self) -> None:
        errors = {}
        if self.direction == MobileDirection.OUTGOING and not self.member_id:
            errors["member"] = _("A member away from the branch is a member on our roll.")
        if self.direction == MobileDirection.INCOMING and not self.member_id and not self.name:
            errors["name"] = _("Name the member living here.")
        today = timezone.localdate()
        for field in ("away_since", "permit_issued_on", "ended_on"):
            value = getattr(self, field)
            if value and value > today:
                errors[field] = _("This date lies in the future.")
        if (
            self.permit_issued_on
            and self.permit_valid_until
            and self.permit_valid_until < self.permit_issued_on
        ):
            errors["permit_valid_until"] = _(
                "A permit cannot be valid until a day before it was issued."
            )
        if self.ended_on and not self.end_reason:
            errors["end_reason"] = _("Say why the record ends.")
        if errors:
            raise ValidationError(errors)


class PermitRenewal(models.Model):
    mobile = models.ForeignKey(
        MobileMember,
        on_delete=models.CASCADE,
        related_name="renewals",
        verbose_name=_("mobile member"),
    )
    renewed_on = models.DateField(_("renewed on"))
    valid_until = models.DateField(_("valid until"))
    permit_number = models.CharField(_("activity permit number"), max_length=40, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("permit renewal")
        verbose_name_plural = _("permit renewals")
        ordering = ["mobile", "-renewed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("renewed_on")),
                name="renewal_valid_after_renewed",
                violation_error_message=_(
                    "A permit cannot be valid until a day before it was renewed."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.mobile} {self.renewed_on}"


class ContactChannel(models.TextChoices):
    PHONE = "phone", pgettext_lazy("contact channel", "phone call")
    MESSAGE = "message", pgettext_lazy("contact channel", "message (WeChat, SMS)")
    VISIT = "visit", pgettext_lazy("contact channel", "visit")
    LETTER = "letter", pgettext_lazy("contact channel", "letter")
    MEETING = "meeting", pgettext_lazy("contact channel", "met at an activity")
    OTHER = "other", pgettext_lazy("contact channel", "other")


class MobileContact(models.Model):
    """联系记录: when, how, by whom, and what came of it."""

    mobile = models.ForeignKey(
        MobileMember,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("mobile member"),
    )
    contacted_on = models.DateField(_("contacted on"))
    channel = models.CharField(_("how"), max_length=20, choices=ContactChannel.choices)
    contacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mobile_contacts",
        verbose_name=_("by"),
    )
    outcome = long_text(_("outcome"))
    reached = models.BooleanField(_("reached the member"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contact with a mobile member")
        verbose_name_plural = _("contacts with mobile members")
        ordering = ["mobile", "-contacted_on"]
        indexes = [models.Index(fields=["mobile", "contacted_on"], name="mobile_contact_date")]

    def __str__(self) -> str:
        return f"{self.mobile} {self.contacted_on}"

    def clean(self) -> None:
        if self.contacted_on and self.contacted_on > timezone.localdate():
            raise ValidationError({"contacted_on": _("A contact cannot be dated in the future.")})

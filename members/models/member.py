"""The member roll: one row per party member, held by exactly one organization."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from pypinyin import Style, lazy_pinyin
from simple_history.models import HistoricalRecords

from accounts.models import phone_validator
from grid.models import GridCell
from members.idnumber import (
    birth_date_of,
    gender_of,
    is_valid_id_number,
    normalize,
    validate_id_number,
)
from organizations.models import Organization, OrgKind

HOLDING_KINDS = (OrgKind.BRANCH, OrgKind.GENERAL_BRANCH, OrgKind.COMMUNITY_COMMITTEE)


class Gender(models.TextChoices):
    MALE = "M", pgettext_lazy("gender", "male")
    FEMALE = "F", pgettext_lazy("gender", "female")


class Education(models.TextChoices):
    PRIMARY = "primary", pgettext_lazy("education", "primary school")
    JUNIOR = "junior", pgettext_lazy("education", "junior middle school")
    SENIOR = "senior", pgettext_lazy("education", "senior middle school / technical school")
    COLLEGE = "college", pgettext_lazy("education", "junior college")
    BACHELOR = "bachelor", pgettext_lazy("education", "bachelor")
    MASTER = "master", pgettext_lazy("education", "master")
    DOCTOR = "doctor", pgettext_lazy("education", "doctorate")


class EmploymentCategory(models.TextChoices):
    """Decides the dues rate (dues rules 2008)."""

    EMPLOYED = "employed", pgettext_lazy("employment category", "employed")
    RETIRED = "retired", pgettext_lazy("employment category", "retired")
    STUDENT = "student", pgettext_lazy("employment category", "student")
    FARMER = "farmer", pgettext_lazy("employment category", "farmer")
    UNEMPLOYED = "unemployed", pgettext_lazy("employment category", "unemployed")
    # article 6 of the dues rules (2008): these pay a fixed 0.2 yuan a month, like students
    RELIEF = "relief", pgettext_lazy("employment category", "living on relief")
    MINIMUM_ALLOWANCE = (
        "minimum_allowance",
        pgettext_lazy("employment category", "on the minimum living allowance"),
    )


class MemberStatus(models.TextChoices):
    PROBATIONARY = "probationary", pgettext_lazy("member status", "probationary member")
    FULL = "full", pgettext_lazy("member status", "full member")


def name_initials(name: str) -> str:
    """张三丰 → "zsf": what secretaries type to find a member fast."""
    return "".join(lazy_pinyin(name or "", style=Style.FIRST_LETTER, errors="ignore")).lower()


class MemberQuerySet(models.QuerySet):
    def on_roll(self):
        """Members currently held here (not transferred out, deceased or removed)."""
        return self.filter(left_on__isnull=True)


class Member(models.Model):
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    name_initials = models.CharField(
        _("pinyin initials"), max_length=50, editable=False, db_index=True
    )
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"))
    ethnicity = models.CharField(_("ethnicity"), max_length=20, default="汉族")
    education = models.CharField(
        _("education"), max_length=20, choices=Education.choices, blank=True
    )
    id_number = models.CharField(
        _("ID number"), max_length=18, unique=True, validators=[validate_id_number]
    )
    id_last4 = models.CharField(max_length=4, editable=False, db_index=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    address = models.CharField(_("address"), max_length=200, blank=True)
    workplace = models.CharField(_("workplace and occupation"), max_length=150, blank=True)
    employment = models.CharField(
        _("employment category"),
        max_length=20,
        choices=EmploymentCategory.choices,
        default=EmploymentCategory.EMPLOYED,
    )
    status = models.CharField(
        pgettext_lazy("member status", "status"), max_length=20, choices=MemberStatus.choices
    )
    joined_on = models.DateField(_("joined the party on"))
    full_member_on = models.DateField(_("full member since"), null=True, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("branch holding the membership"),
    )
    party_group = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_members",
        verbose_name=_("party group"),
    )
    grid_cell = models.ForeignKey(
        GridCell,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("grid cell of residence"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member",
        verbose_name=_("user account"),
    )
    left_on = models.DateField(_("left the roll on"), null=True, blank=True)
    left_reason = models.CharField(_("reason for leaving the roll"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["name_initials", "id_last4", "updated_at"])

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        ordering = ["organization_id", "name_initials", "id"]
        permissions = [
            ("view_sensitive", _("Can see ID numbers and phone numbers unmasked")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="probationary", full_member_on__isnull=True)
                | Q(status="full", full_member_on__isnull=False),
                name="member_full_date_matches_status",
                violation_error_message=_(
                    "A full member has the date they became full; a probationary member has none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(full_member_on__isnull=True)
                | Q(full_member_on__gte=models.F("joined_on")),
                name="member_full_after_joining",
                violation_error_message=_("A member becomes full after joining, not before."),
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "left_on", "name_initials"], name="member_roll"),
            models.Index(fields=["grid_cell", "left_on"], name="member_grid"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.id_number = normalize(self.id_number)
        self.id_last4 = self.id_number[-4:]
        self.name_initials = name_initials(self.name)
        super().save(*args, **kwargs)

    @property
    def is_on_roll(self) -> bool:
        return self.left_on is None

    @property
    def age(self) -> int:
        today = timezone.localdate()
        born = self.birth_date
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.id_number = normalize(self.id_number)
        # An invalid number says nothing reliable about birth date or gender: its own
        # error (with the expected check character) is the only one worth showing.
        if is_valid_id_number(self.id_number):
            born = birth_date_of(self.id_number)
            if born and self.birth_date and born != self.birth_date:
                errors["birth_date"] = _(
                    "The birth date %(field)s does not match the ID number, which says %(id)s."
                ) % {"field": self.birth_date.isoformat(), "id": born.isoformat()}
            if self.gender and gender_of(self.id_number) != self.gender:
                errors["gender"] = _("The gender does not match the ID number.")
        if self.organization_id and self.organization.kind not in HOLDING_KINDS:
            errors["organization"] = _(
                "A membership is held by a branch, general branch or community committee, not a %(kind)s."
            ) % {"kind": self.organization.get_kind_display()}
        if self.party_group_id and (
            self.party_group.kind != OrgKind.PARTY_GROUP
            or self.party_group.parent_id != self.organization_id
        ):
            errors["party_group"] = _("The party group must belong to the member's branch.")
        today = timezone.localdate()
        for field in ("birth_date", "joined_on", "full_member_on", "left_on"):
            value = getattr(self, field)
            if value and value > today:
                errors[field] = _("This date lies in the future.")
        if errors:
            raise ValidationError(errors)

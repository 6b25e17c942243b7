"""Residents in need and the pairing assistance of their households (结对帮扶).

The household itself belongs to the territory (grid.Household); here: the categories of need
(admin-editable data, the defaults created after every migrate), the register of residents
needing attention, the pairings of a party member, a branch or a unit with a household, and
the visits of each pairing."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from activities.models import Activity
from config.text import long_text
from grid.models import Household
from members.models import Member
from members.models.member import Gender
from organizations.models import Organization, UnitOrganization


class NeedCategory(models.Model):
    """A category of residents needing attention (下岗失业, 独居老人…): admins add and rename them."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    order = models.PositiveSmallIntegerField(pgettext_lazy("category of need", "order"), default=0)

    class Meta:
        verbose_name = _("category of need")
        verbose_name_plural = _("categories of need")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


# the categories of DOMAIN.md, created when missing (an admin may rename them or add others)
DEFAULT_CATEGORIES = [
    ("laid_off", "下岗失业"),
    ("urban_poor", "城市困难群众（低保）"),
    ("elderly_alone", "独居老人"),
    ("disabled", "残疾人"),
    ("left_behind_child", "留守儿童"),
    ("other", "其他"),
]


def ensure_need_categories(**kwargs) -> None:
    existing = set(NeedCategory.objects.values_list("code", flat=True))
    NeedCategory.objects.bulk_create(
        [
            NeedCategory(code=code, name=name, order=order * 10)
            for order, (code, name) in enumerate(DEFAULT_CATEGORIES, start=1)
            if code not in existing
        ]
    )


class NeedStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("resident need status", "needs attention")
    RESOLVED = "resolved", pgettext_lazy("resident need status", "resolved")
    MOVED = "moved", pgettext_lazy("resident need status", "moved away")


class ResidentInNeed(models.Model):
    """A resident needing attention, in the register of their grid cell."""

    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        related_name="residents_in_need",
        verbose_name=_("household"),
    )
    name = models.CharField(_("name"), max_length=50)
    gender = models.CharField(
        pgettext_lazy("person", "gender"), max_length=1, choices=Gender.choices, blank=True
    )
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    id_number = models.CharField(_("ID number"), max_length=18, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    categories = models.ManyToManyField(
        NeedCategory, related_name="residents", verbose_name=_("categories of need")
    )
    needs = long_text(pgettext_lazy("resident in need", "needs"), blank=True)
    status = models.CharField(
        pgettext_lazy("resident need status", "status"),
        max_length=10,
        choices=NeedStatus.choices,
        default=NeedStatus.ACTIVE,
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["id_number", "phone"])

    class Meta:
        verbose_name = _("resident in need")
        verbose_name_plural = _("residents in need")
        ordering = ["household", "name", "id"]
        permissions = [
            ("view_sensitive", _("Can see residents' ID numbers and phone numbers unmasked")),
        ]

    def __str__(self) -> str:
        return self.name


class Pairing(models.Model):
    """结对帮扶: exactly one helper (a party member, a branch or a unit) paired with a household."""

    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="pairings", verbose_name=_("household")
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pairings",
        verbose_name=_("party member"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pairings",
        verbose_name=_("party organization"),
    )
    unit = models.ForeignKey(
        UnitOrganization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pairings",
        verbose_name=_("unit party organization"),
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    goal = long_text(_("goal"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["household", "-started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(member__isnull=False, organization__isnull=True, unit__isnull=True)
                    | Q(member__isnull=True, organization__isnull=False, unit__isnull=True)
                    | Q(member__isnull=True, organization__isnull=True, unit__isnull=False)
                ),
                name="pairing_exactly_one_helper",
                violation_error_message=_(
                    "Pair the household with exactly one party member, branch or unit."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="pairing_ends_after_start",
                violation_error_message=_("A pairing cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.helper} → {self.household}"

    @property
    def helper(self):
        return self.member or self.organization or self.unit

    def clean(self) -> None:
        errors = {}
        if sum(x is not None for x in (self.member_id, self.organization_id, self.unit_id)) != 1:
            errors["member"] = _(
                "Pair the household with exactly one party member, branch or unit."
            )
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("A pairing cannot end before it starts.")
        if errors:
            raise ValidationError(errors)


class PairingVisit(models.Model):
    """A visit of a pairing: when, who, what was done, the hours and the outcome. A party
    member's hours are recorded as volunteer service (the linked activity)."""

    pairing = models.ForeignKey(
        Pairing, on_delete=models.CASCADE, related_name="visits", verbose_name=_("pairing")
    )
    visited_on = models.DateField(_("date of the visit"))
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pairing_visits",
        verbose_name=_("visiting party member"),
    )
    done = long_text(_("what was done"))
    hours = models.DecimalField(
        pgettext_lazy("pairing visit", "hours"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("24"))],
    )
    outcome = long_text(pgettext_lazy("pairing visit", "outcome"), blank=True)
    activity = models.OneToOneField(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pairing_visit",
        verbose_name=_("volunteer service activity"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("pairing visit")
        verbose_name_plural = _("pairing visits")
        ordering = ["pairing", "-visited_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=0, hours__lte=24),
                name="pairing_visit_hours_in_a_day",
                violation_error_message=_("A visit lasts between 0 and 24 hours."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.visited_on:%Y-%m-%d} {self.pairing}"

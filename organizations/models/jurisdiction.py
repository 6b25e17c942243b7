"""Around the tree: units stationed in the jurisdiction, two-new organizations, mass organizations."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import phone_validator
from grid.models import Community, GridCell
from organizations.models.tree import Organization

credit_code_validator = RegexValidator(
    r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$",
    _(
        "A unified social credit code has 18 characters (digits and capital letters, no I, O, Z, S, V)."
    ),
)


class TerritoryMixin(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("community")
    )
    grid_cell = models.ForeignKey(
        GridCell,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("grid cell"),
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        if (
            self.grid_cell_id
            and self.community_id
            and self.grid_cell.community_id != self.community_id
        ):
            raise ValidationError(
                {"grid_cell": _("The grid cell does not belong to the chosen community.")}
            )


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", pgettext_lazy("unit kind", "government body")
    PUBLIC_INSTITUTION = "institution", pgettext_lazy("unit kind", "public institution")
    STATE_ENTERPRISE = "state_enterprise", pgettext_lazy("unit kind", "state-owned enterprise")
    SCHOOL = "school", pgettext_lazy("unit kind", "school")
    HOSPITAL = "hospital", pgettext_lazy("unit kind", "hospital")
    OTHER = "other", pgettext_lazy("unit kind", "other")


class UnitOrganization(TerritoryMixin):
    """驻区单位党组织: a unit stationed in the community that co-builds with it (共驻共建)."""

    name = models.CharField(_("unit name"), max_length=150)
    unit_kind = models.CharField(_("kind of unit"), max_length=30, choices=UnitKind.choices)
    party_organization_name = models.CharField(_("party organization"), max_length=150, blank=True)
    party_member_count = models.PositiveIntegerField(
        pgettext_lazy("member count", "party members"), default=0
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=20, blank=True, validators=[phone_validator]
    )
    joined_co_building_on = models.DateField(_("joined co-building on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit party organization")
        verbose_name_plural = _("unit party organizations")
        ordering = ["community", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"],
                name="unit_name_unique_in_community",
                violation_error_message=_("This community already has a unit with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class TwoNewKind(models.TextChoices):
    NON_PUBLIC_ENTERPRISE = (
        "enterprise",
        pgettext_lazy("two-new organization kind", "non-public enterprise"),
    )
    SOCIAL_ORGANIZATION = (
        "social",
        pgettext_lazy("two-new organization kind", "social organization"),
    )


class TwoNewOrganization(TerritoryMixin):
    """两新组织: whether it has party members, a party organization, or an instructor."""

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(
        pgettext_lazy("two-new organization kind", "kind"),
        max_length=20,
        choices=TwoNewKind.choices,
    )
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[credit_code_validator],
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    employee_count = models.PositiveIntegerField(_("employees"), default=0)
    party_member_count = models.PositiveIntegerField(
        pgettext_lazy("member count", "party members"), default=0
    )
    party_organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="two_new_organizations",
        verbose_name=_("its party organization"),
        help_text=_("The party branch set up in it, or the joint branch it belongs to."),
    )
    instructor_name = models.CharField(_("party-building instructor"), max_length=50, blank=True)
    instructor_assigned_on = models.DateField(_("instructor assigned on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("two-new organization")
        verbose_name_plural = _("two-new organizations")
        ordering = ["community", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def has_party_members(self) -> bool:
        return self.party_member_count > 0

    @property
    def has_party_organization(self) -> bool:
        return self.party_organization_id is not None

    @property
    def has_instructor(self) -> bool:
        return bool(self.instructor_name)

    @property
    def is_covered(self) -> bool:
        """Party-building coverage: a party organization of its own or an instructor."""
        return self.has_party_organization or self.has_instructor

    def clean(self) -> None:
        super().clean()
        if self.instructor_assigned_on and not self.instructor_name:
            raise ValidationError({"instructor_name": _("Name the instructor who was assigned.")})


class MassKind(models.TextChoices):
    TRADE_UNION = "trade_union", pgettext_lazy("mass organization kind", "trade union")
    YOUTH_LEAGUE = "youth_league", pgettext_lazy("mass organization kind", "Communist Youth League")
    WOMENS_FEDERATION = (
        "womens_federation",
        pgettext_lazy("mass organization kind", "Women's Federation"),
    )


class MassOrganization(models.Model):
    """群团组织 led by a community party organization."""

    kind = models.CharField(
        pgettext_lazy("mass organization kind", "kind"), max_length=30, choices=MassKind.choices
    )
    name = models.CharField(_("name"), max_length=150)
    leading_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="mass_organizations",
        verbose_name=_("led by"),
    )
    chair_name = models.CharField(_("chair"), max_length=50, blank=True)
    member_count = models.PositiveIntegerField(pgettext_lazy("member count", "members"), default=0)
    established_on = models.DateField(_("established on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mass organization")
        verbose_name_plural = _("mass organizations")
        ordering = ["leading_organization__path", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["leading_organization", "kind"],
                name="one_mass_organization_of_a_kind",
                violation_error_message=_(
                    "This organization already leads a mass organization of this kind."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

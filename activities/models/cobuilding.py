"""Co-building 共驻共建 between a community and the units in its jurisdiction: the needs list,
the resources list, the projects list that matches them, and pairing agreements."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from config.text import long_text
from grid.models import Community
from organizations.models import Organization, OrgKind, TwoNewOrganization, UnitOrganization


class ResourceCategory(models.TextChoices):
    """What is needed or offered; a need and a resource of the same category can be matched."""

    VENUE = "venue", pgettext_lazy("co-building resource category", "venue")
    FUNDS = "funds", pgettext_lazy("co-building resource category", "funds")
    EXPERTISE = "expertise", pgettext_lazy("co-building resource category", "professional service")
    VOLUNTEERS = "volunteers", pgettext_lazy("co-building resource category", "volunteers")
    GOODS = "goods", pgettext_lazy("co-building resource category", "goods and equipment")
    OTHER = "other", pgettext_lazy("co-building resource category", "other")


class NeedStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("co-building need status", "open")
    MATCHED = "matched", pgettext_lazy("co-building need status", "taken up by a project")
    MET = "met", pgettext_lazy("co-building need status", "met")
    DROPPED = "dropped", pgettext_lazy("co-building need status", "dropped")


class CoBuildingStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("co-building status", "planned")
    ACTIVE = "active", pgettext_lazy("co-building status", "under way")
    COMPLETED = "completed", pgettext_lazy("co-building status", "completed")
    CANCELLED = "cancelled", pgettext_lazy("co-building status", "cancelled")


class Need(models.Model):
    """需求清单: what the community or its residents need."""

    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="co_building_needs",
        verbose_name=_("community"),
    )
    title = models.CharField(pgettext_lazy("co-building need", "title"), max_length=150)
    category = models.CharField(
        pgettext_lazy("co-building resource category", "category"),
        max_length=20,
        choices=ResourceCategory.choices,
    )
    description = long_text(_("description"), blank=True)
    raised_on = models.DateField(_("raised on"))
    status = models.CharField(
        pgettext_lazy("co-building need status", "status"),
        max_length=20,
        choices=NeedStatus.choices,
        default=NeedStatus.OPEN,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("co-building need")
        verbose_name_plural = _("needs list")
        ordering = ["community_id", "-raised_on", "id"]

    def __str__(self) -> str:
        return self.title


class Resource(models.Model):
    """资源清单: what a unit party organization offers the community."""

    unit = models.ForeignKey(
        UnitOrganization, on_delete=models.PROTECT, related_name="resources", verbose_name=_("unit")
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="co_building_resources",
        verbose_name=_("community"),
        editable=False,
    )
    title = models.CharField(pgettext_lazy("co-building resource", "title"), max_length=150)
    category = models.CharField(
        pgettext_lazy("co-building resource category", "category"),
        max_length=20,
        choices=ResourceCategory.choices,
    )
    description = long_text(_("description"), blank=True)
    offered_on = models.DateField(_("offered on"))
    available = models.BooleanField(_("available"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("co-building resource")
        verbose_name_plural = _("resources list")
        ordering = ["community_id", "unit_id", "-offered_on", "id"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # a resource belongs to the community of the unit that offers it
        if self.unit_id:
            self.community_id = self.unit.community_id
        super().save(*args, **kwargs)


class Project(models.Model):
    """项目清单: a project agreed between the community and units, matching needs to resources."""

    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="co_building_projects",
        verbose_name=_("community"),
    )
    title = models.CharField(pgettext_lazy("co-building project", "title"), max_length=150)
    description = long_text(_("description"), blank=True)
    needs = models.ManyToManyField(
        Need, blank=True, related_name="projects", verbose_name=_("needs met")
    )
    resources = models.ManyToManyField(
        Resource, blank=True, related_name="projects", verbose_name=_("resources used")
    )
    units = models.ManyToManyField(
        UnitOrganization,
        through="ProjectUnit",
        related_name="co_building_projects",
        verbose_name=_("units taking part"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    status = models.CharField(
        pgettext_lazy("co-building status", "status"),
        max_length=20,
        choices=CoBuildingStatus.choices,
        default=CoBuildingStatus.PLANNED,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("co-building project")
        verbose_name_plural = _("projects list")
        ordering = ["community_id", "-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="project_ends_after_start",
                violation_error_message=_("A project cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A project cannot end before it starts.")})


class ProjectUnit(models.Model):
    """A unit taking part in a project, and what it committed to."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="participants", verbose_name=_("project")
    )
    unit = models.ForeignKey(
        UnitOrganization,
        on_delete=models.PROTECT,
        related_name="project_participations",
        verbose_name=_("unit"),
    )
    commitment = models.CharField(_("commitment"), max_length=200)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        verbose_name = _("unit in a project")
        verbose_name_plural = _("units in projects")
        ordering = ["project_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "unit"],
                name="one_participation_per_project_and_unit",
                violation_error_message=_("This unit already takes part in the project."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.project}"

    def clean(self) -> None:
        if self.project_id and self.unit_id and self.unit.community_id != self.project.community_id:
            raise ValidationError(
                {"unit": _("The unit is not stationed in the project's community.")}
            )


class PairingAgreement(models.Model):
    """结对共建: a branch paired with a unit party organization or a two-new organization."""

    branch = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="pairing_agreements",
        verbose_name=_("branch"),
    )
    unit = models.ForeignKey(
        UnitOrganization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pairing_agreements",
        verbose_name=_("unit party organization"),
    )
    two_new = models.ForeignKey(
        TwoNewOrganization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pairing_agreements",
        verbose_name=_("two-new organization"),
    )
    signed_on = models.DateField(_("signed on"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    content = long_text(_("what the partners agreed"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pairing agreement")
        verbose_name_plural = _("pairing agreements")
        ordering = ["branch_id", "-signed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, two_new__isnull=True)
                | Q(unit__isnull=True, two_new__isnull=False),
                name="pairing_with_one_partner",
                violation_error_message=_(
                    "A pairing agreement has one partner: a unit or a two-new organization."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("signed_on")),
                name="pairing_ends_after_signing",
                violation_error_message=_("An agreement cannot end before it is signed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.branch} – {self.partner}"

    @property
    def partner(self):
        return self.unit or self.two_new

    def clean(self) -> None:
        errors = {}
        if bool(self.unit_id) == bool(self.two_new_id):
            errors["unit"] = _("Choose one partner: a unit or a two-new organization.")
        if self.branch_id and self.branch.kind not in (OrgKind.BRANCH, OrgKind.GENERAL_BRANCH):
            errors["branch"] = _("A pairing agreement is signed by a branch.")
        partner = self.partner if not errors else None
        if (
            partner is not None
            and self.branch_id
            and partner.community_id != self.branch.community_id
        ):
            errors["unit" if self.unit_id else "two_new"] = _(
                "The partner is not in the branch's community."
            )
        if self.signed_on and self.ends_on and self.ends_on < self.signed_on:
            errors["ends_on"] = _("An agreement cannot end before it is signed.")
        if errors:
            raise ValidationError(errors)

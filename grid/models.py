"""Streets, communities, grid cells, buildings and the assignments of grid workers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from grid.geojson import validate_boundary

# The limit of free text of config.text, written out: grid imports nothing outside itself
# (tests/test_import_direction.py checks that the two agree).
DESCRIPTION_MAX_LENGTH = 10_000

code_validator = RegexValidator(
    r"^[0-9A-Za-z\-]{1,30}$", _("Use letters, digits and hyphens only (at most 30).")
)


class Street(models.Model):
    """街道: the territory of one street party working committee."""

    code = models.CharField(_("code"), max_length=30, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=100)
    district = models.CharField(_("district"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("street")
        verbose_name_plural = _("streets")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Community(models.Model):
    """社区."""

    street = models.ForeignKey(
        Street, on_delete=models.PROTECT, related_name="communities", verbose_name=_("street")
    )
    code = models.CharField(_("code"), max_length=30, validators=[code_validator])
    name = models.CharField(_("name"), max_length=100)
    address = models.CharField(_("office address"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["street__code", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["street", "code"],
                name="community_code_unique_in_street",
                violation_error_message=_("This street already has a community with this code."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class GridCell(models.Model):
    """网格: typically 300–500 households, looked after by one or more grid workers."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="grid_cells", verbose_name=_("community")
    )
    code = models.CharField(_("grid code"), max_length=30, validators=[code_validator])
    name = models.CharField(_("name"), max_length=100)
    boundary = models.JSONField(
        _("boundary (GeoJSON)"),
        null=True,
        blank=True,
        validators=[validate_boundary],
        help_text=_("A GeoJSON Polygon or MultiPolygon in longitude/latitude."),
    )
    household_count = models.PositiveIntegerField(_("households"), default=0)
    population = models.PositiveIntegerField(_("residents"), default=0)
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=DESCRIPTION_MAX_LENGTH,
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grid cell")
        verbose_name_plural = _("grid cells")
        ordering = ["community__street__code", "community__code", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "code"],
                name="grid_code_unique_in_community",
                violation_error_message=_(
                    "This community already has a grid cell with this grid code."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Building(models.Model):
    """楼栋 (optional level between grid cell and household)."""

    grid_cell = models.ForeignKey(
        GridCell, on_delete=models.PROTECT, related_name="buildings", verbose_name=_("grid cell")
    )
    name = models.CharField(_("name"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    household_count = models.PositiveIntegerField(_("households"), default=0)
    floors = models.PositiveSmallIntegerField(
        _("floors"), null=True, blank=True, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["grid_cell", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["grid_cell", "name"],
                name="building_name_unique_in_grid",
                violation_error_message=_("This grid cell already has a building with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class GridWorkerAssignment(models.Model):
    """网格员: a person assigned to look after a grid cell, from and to."""

    grid_cell = models.ForeignKey(
        GridCell,
        on_delete=models.CASCADE,
        related_name="worker_assignments",
        verbose_name=_("grid cell"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="grid_assignments",
        verbose_name=_("grid worker"),
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grid worker assignment")
        verbose_name_plural = _("grid worker assignments")
        ordering = ["grid_cell", "-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="grid_assignment_ends_after_start",
                violation_error_message=_("An assignment cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["grid_cell", "user"],
                condition=Q(ended_on__isnull=True),
                name="one_open_assignment_per_worker_and_grid",
                violation_error_message=_("This person is already assigned to this grid cell."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.grid_cell}"

    def clean(self) -> None:
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("An assignment cannot end before it starts.")})


class Household(models.Model):
    """户: a household of a grid cell (in one of its buildings if known). Once a cell has
    household records, its household count (and its buildings') is kept in step with them by
    the household services: one figure, never two."""

    grid_cell = models.ForeignKey(
        GridCell, on_delete=models.PROTECT, related_name="households", verbose_name=_("grid cell")
    )
    building = models.ForeignKey(
        Building,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="households",
        verbose_name=_("building"),
    )
    address = models.CharField(_("address"), max_length=200)
    size = models.PositiveSmallIntegerField(
        _("household size"), default=1, validators=[MinValueValidator(1)]
    )
    is_central_household = models.BooleanField(
        _("party member central household"),
        default=False,
        help_text=_("党员中心户: a member household that is the contact point for its neighbours."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["grid_cell", "address", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(size__gte=1),
                name="household_size_at_least_one",
                violation_error_message=_("A household has at least one person."),
            )
        ]

    def __str__(self) -> str:
        return self.address

    def clean(self) -> None:
        if (
            self.building_id
            and self.grid_cell_id
            and self.building.grid_cell_id != self.grid_cell_id
        ):
            raise ValidationError({"building": _("The building lies in another grid cell.")})

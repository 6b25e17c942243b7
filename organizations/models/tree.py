"""The party organization tree: its kinds, which kind sits under which, and the materialized
path that makes "everything under X" one indexed query."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from grid.models import Community, GridCell, Street

PATH_STEP = 8  # each level of the materialized path is the id, zero-padded to 7 digits, and "/"


class OrgKind(models.TextChoices):
    STREET_COMMITTEE = (
        "street_committee",
        pgettext_lazy("organization kind", "street party working committee"),
    )
    COMMUNITY_COMMITTEE = (
        "community_committee",
        pgettext_lazy("organization kind", "community party committee"),
    )
    GENERAL_BRANCH = "general_branch", pgettext_lazy("organization kind", "general party branch")
    BRANCH = "branch", pgettext_lazy("organization kind", "party branch")
    PARTY_GROUP = "party_group", pgettext_lazy("organization kind", "party group")


ALLOWED_PARENTS: dict[str, set[str]] = {
    OrgKind.STREET_COMMITTEE: set(),
    OrgKind.COMMUNITY_COMMITTEE: {OrgKind.STREET_COMMITTEE},
    OrgKind.GENERAL_BRANCH: {OrgKind.STREET_COMMITTEE, OrgKind.COMMUNITY_COMMITTEE},
    OrgKind.BRANCH: {
        OrgKind.STREET_COMMITTEE,
        OrgKind.COMMUNITY_COMMITTEE,
        OrgKind.GENERAL_BRANCH,
    },
    OrgKind.PARTY_GROUP: {OrgKind.BRANCH},
}


class OrganizationQuerySet(models.QuerySet):
    def descendants_of(self, organization: "Organization", include_self: bool = True):
        """Everything under an organization: one indexed prefix query on the path."""
        qs = self.filter(path__startswith=organization.path)
        return qs if include_self else qs.exclude(pk=organization.pk)

    def active(self):
        today = timezone.localdate()
        return self.filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=today))


class Organization(models.Model):
    """A party organization: street working committee → community committee or general
    branch → branch → party group. ``path`` holds the ids from the root down, so that
    "everything under X" is ``path LIKE 'X.path%'``."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("higher organization"),
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    kind = models.CharField(
        pgettext_lazy("organization kind", "kind"), max_length=30, choices=OrgKind.choices
    )
    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(
        _("organization code"), max_length=40, unique=True, null=True, blank=True
    )
    street = models.ForeignKey(
        Street,
        on_delete=models.PROTECT,
        related_name="organizations",
        verbose_name=_("street"),
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("community"),
    )
    grid_cell = models.ForeignKey(
        GridCell,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("grid cell"),
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    phone = models.CharField(_("office phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)

    objects = OrganizationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["path", "depth"])

    class Meta:
        verbose_name = _("party organization")
        verbose_name_plural = _("party organizations")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(established_on__isnull=True)
                | Q(dissolved_on__gte=F("established_on")),
                name="organization_dissolved_after_established",
                violation_error_message=_(
                    "An organization cannot be dissolved before it was established."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # The path is an invariant of the tree, so it is kept here whatever writes the row
        # (service, admin, shell): a new node gets its path after its id exists, and a moved
        # node carries its whole subtree along in one UPDATE.
        self.derive_territory()
        with transaction.atomic():
            old_path = None
            if self.pk:
                old_path = (
                    Organization.objects.filter(pk=self.pk).values_list("path", flat=True).first()
                )
            super().save(*args, **kwargs)
            parent_path = self.parent.path if self.parent_id else ""
            new_path = f"{parent_path}{self.pk:07d}/"
            if new_path == old_path:
                return
            self.path = new_path
            self.depth = new_path.count("/")
            Organization.objects.filter(pk=self.pk).update(path=new_path, depth=self.depth)
            if old_path:
                depth_change = self.depth - old_path.count("/")
                Organization.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                    path=Concat(models.Value(new_path), Substr("path", len(old_path) + 1)),
                    depth=F("depth") + depth_change,
                )

    @property
    def is_branch_level(self) -> bool:
        return self.kind in (OrgKind.BRANCH, OrgKind.PARTY_GROUP)

    @property
    def territory(self):
        """The most specific territory the organization covers."""
        return self.grid_cell or self.community or self.street

    def ancestor_ids(self) -> list[int]:
        return [int(step) for step in self.path.split("/") if step][:-1]

    def ancestors(self):
        return Organization.objects.filter(pk__in=self.ancestor_ids()).order_by("depth")

    def descendants(self, include_self: bool = True):
        return Organization.objects.descendants_of(self, include_self=include_self)

    def derive_territory(self) -> None:
        """A grid cell implies its community, and a community its street."""
        if self.grid_cell_id and not self.community_id:
            self.community = self.grid_cell.community
        if self.community_id and not self.street_id:
            self.street = self.community.street

    def clean_fields(self, exclude=None) -> None:
        self.derive_territory()
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        errors: dict[str, list] = {}
        self.derive_territory()
        self._clean_parent(errors)
        self._clean_territory(errors)
        if errors:
            raise ValidationError(errors)

    def _clean_parent(self, errors) -> None:
        allowed = ALLOWED_PARENTS.get(self.kind, set())
        parent = self.parent
        if parent is None:
            if allowed:
                errors.setdefault("parent", []).append(
                    _("A %(kind)s must sit under a higher organization.")
                    % {"kind": self.get_kind_display()}
                )
            return
        if self.pk and (parent.pk == self.pk or parent.path.startswith(self.path or "\0")):
            errors.setdefault("parent", []).append(
                _("An organization cannot sit under itself or one of its own units.")
            )
            return
        if parent.kind not in allowed:
            errors.setdefault("parent", []).append(
                _("A %(kind)s cannot sit under a %(parent_kind)s.")
                % {"kind": self.get_kind_display(), "parent_kind": parent.get_kind_display()}
            )

    def _clean_territory(self, errors) -> None:
        if (
            self.grid_cell_id
            and self.community_id
            and self.grid_cell.community_id != self.community_id
        ):
            errors.setdefault("grid_cell", []).append(
                _("The grid cell does not belong to the chosen community.")
            )
        if self.community_id and self.street_id and self.community.street_id != self.street_id:
            errors.setdefault("community", []).append(
                _("The community does not belong to the chosen street.")
            )
        if self.kind == OrgKind.STREET_COMMITTEE and (self.community_id or self.grid_cell_id):
            errors.setdefault("community", []).append(
                _("A street working committee covers a whole street, not a community or grid cell.")
            )
        if self.kind == OrgKind.COMMUNITY_COMMITTEE:
            if not self.community_id:
                errors.setdefault("community", []).append(
                    _("A community party committee needs its community.")
                )
            if self.grid_cell_id:
                errors.setdefault("grid_cell", []).append(
                    _("A community party committee covers a whole community, not a grid cell.")
                )
        parent = self.parent
        if parent is None:
            return
        if parent.street_id != self.street_id:
            errors.setdefault("street", []).append(
                _("The organization must lie in the street of its higher organization.")
            )
        elif parent.community_id and parent.community_id != self.community_id:
            errors.setdefault("community", []).append(
                _("The organization must lie in the community of its higher organization.")
            )
        elif parent.grid_cell_id and parent.grid_cell_id != self.grid_cell_id:
            errors.setdefault("grid_cell", []).append(
                _("The organization must lie in the grid cell of its higher organization.")
            )

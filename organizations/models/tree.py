"""The party organization tree, its committees and the posts people hold in it."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from grid.models import Community, GridCell, Street
from organizations import rules
from organizations.membership import roll_size_of
from policies.calendar import add_years
from policies.registry import values

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


class TermYears(models.IntegerChoices):
    THREE = 3, pgettext_lazy("term length", "3 years")
    FIVE = 5, pgettext_lazy("term length", "5 years")


class CommitteeTerm(models.Model):
    """One elected committee (支部委员会, 党委…) and its term of 3 or 5 years."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="committee_terms",
        verbose_name=_("organization"),
    )
    elected_on = models.DateField(_("elected on"))
    term_years = models.PositiveSmallIntegerField(
        _("term length"), choices=TermYears.choices, default=TermYears.THREE
    )
    ends_on = models.DateField(_("term ends on"), editable=False)
    seats = models.PositiveSmallIntegerField(_("committee members"))
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee term")
        verbose_name_plural = _("committee terms")
        ordering = ["organization", "-elected_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_years__in=[3, 5]),
                name="committee_term_is_3_or_5_years",
                violation_error_message=_("A committee term lasts 3 or 5 years."),
            ),
            models.UniqueConstraint(
                fields=["organization", "elected_on"],
                name="one_committee_election_per_day",
                violation_error_message=_("This organization already has a term elected that day."),
            ),
        ]
        indexes = [models.Index(fields=["ends_on"], name="committee_term_ends_on")]

    def __str__(self) -> str:
        return f"{self.organization} {self.elected_on:%Y-%m-%d} – {self.ends_on:%Y-%m-%d}"

    def save(self, *args, **kwargs) -> None:
        self.ends_on = self.compute_ends_on()
        super().save(*args, **kwargs)

    @property
    def is_current(self) -> bool:
        return self.elected_on <= timezone.localdate() < self.ends_on

    def compute_ends_on(self) -> datetime.date:
        return add_years(self.elected_on, self.term_years)

    def clean(self) -> None:
        if not self.organization_id or self.seats is None or not self.elected_on:
            return
        kind = self.organization.kind
        if kind == OrgKind.PARTY_GROUP:
            raise ValidationError(
                {"organization": _("A party group has a group leader, not a committee.")}
            )
        if kind == OrgKind.BRANCH:
            low = rules.BRANCH_COMMITTEE_MIN_SEATS
            high = rules.BRANCH_COMMITTEE_MAX_SEATS
        else:
            low, high = rules.COMMITTEE_MIN_SEATS, rules.COMMITTEE_MAX_SEATS
        figures = values(low, high)
        if not figures[low.key] <= self.seats <= figures[high.key]:
            raise ValidationError(
                {
                    "seats": _(
                        "A committee of a %(kind)s has %(low)s to %(high)s members; %(seats)s is not allowed."
                    )
                    % {
                        "kind": self.organization.get_kind_display(),
                        "low": figures[low.key],
                        "high": figures[high.key],
                        "seats": self.seats,
                    }
                }
            )
        # An early re-election simply starts a new term: the latest term is the one in force.
        self.ends_on = self.compute_ends_on()


class Role(models.TextChoices):
    SECRETARY = "secretary", pgettext_lazy("post role", "secretary")
    DEPUTY_SECRETARY = "deputy_secretary", pgettext_lazy("post role", "deputy secretary")
    ORGANIZATION_MEMBER = (
        "organization_member",
        pgettext_lazy("post role", "organization committee member"),
    )
    PROPAGANDA_MEMBER = (
        "propaganda_member",
        pgettext_lazy("post role", "propaganda committee member"),
    )
    DISCIPLINE_MEMBER = (
        "discipline_member",
        pgettext_lazy("post role", "discipline inspection member"),
    )
    COMMITTEE_MEMBER = "committee_member", pgettext_lazy("post role", "committee member")
    GROUP_LEADER = "group_leader", pgettext_lazy("post role", "party group leader")
    STAFF = "staff", pgettext_lazy("post role", "staff")


# posts a branch under the committee threshold may have: it elects no committee
POSTS_WITHOUT_COMMITTEE = frozenset({Role.SECRETARY, Role.DEPUTY_SECRETARY})

ROLES_BY_KIND: dict[str, set[str]] = {
    OrgKind.STREET_COMMITTEE: set(Role.values) - {Role.GROUP_LEADER},
    OrgKind.COMMUNITY_COMMITTEE: set(Role.values) - {Role.GROUP_LEADER},
    OrgKind.GENERAL_BRANCH: set(Role.values) - {Role.GROUP_LEADER, Role.STAFF},
    OrgKind.BRANCH: set(Role.values) - {Role.GROUP_LEADER, Role.STAFF},
    OrgKind.PARTY_GROUP: {Role.GROUP_LEADER},
}


# Posts that are seats of the elected committee (a party group leader and staff are not).
COMMITTEE_ROLES = frozenset(Role.values) - {Role.GROUP_LEADER, Role.STAFF}


class PostQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(started_on__lte=on).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=on)
        )

    def by_rank(self):
        """Secretary, deputy, then the committee members in the order of Role, each by start."""
        rank = Case(
            *(When(role=role, then=Value(i)) for i, role in enumerate(Role.values)),
            default=Value(len(Role.values)),
        )
        return self.order_by(rank, "started_on", "pk")


class Post(models.Model):
    """Who holds which post in which organization, from when to when. Posts are also
    what gives a user access: an active post opens its organization and everything below."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="posts",
        verbose_name=_("person"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="posts", verbose_name=_("organization")
    )
    role = models.CharField(_("post"), max_length=30, choices=Role.choices)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)

    objects = PostQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["organization__path", "role", "-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="post_ends_after_start",
                violation_error_message=_("A post cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(role="secretary", ended_on__isnull=True),
                name="one_open_secretary_per_organization",
                violation_error_message=_(
                    "This organization already has a secretary in office; end that post first."
                ),
            ),
            models.UniqueConstraint(
                fields=["organization", "user", "role"],
                condition=Q(ended_on__isnull=True),
                name="one_open_post_per_person_role_and_organization",
                violation_error_message=_("This person already holds this post here."),
            ),
        ]
        indexes = [models.Index(fields=["user", "ended_on"], name="post_user_ended_on")]

    def __str__(self) -> str:
        return f"{self.organization} {self.get_role_display()} {self.user}"

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.started_on <= today and (self.ended_on is None or self.ended_on >= today)

    def _is_new_appointment(self) -> bool:
        if self.ended_on is not None and self.ended_on < timezone.localdate():
            return False  # a post of the past: the branch may have been larger then
        if self._state.adding or self.pk is None:
            return True
        stored = Post.objects.filter(pk=self.pk).values("role", "organization_id").first()
        return stored != {"role": self.role, "organization_id": self.organization_id}

    def _committee_refusal(self) -> str | None:
        """Under BRANCH_COMMITTEE_THRESHOLD full members a branch has a secretary and maybe a
        deputy, but no committee (branch work regulations, 2018)."""
        if self.organization.kind != OrgKind.BRANCH or self.role in POSTS_WITHOUT_COMMITTEE:
            return None
        if not self._is_new_appointment():
            return None
        size = roll_size_of(self.organization_id)
        if size is None or size.on_roll == 0:
            # no roll entered yet (posts are often set up before the roll is imported): the
            # size is unknown, and the branch is flagged as too small until the roll is in
            return None
        threshold = values(rules.BRANCH_COMMITTEE_THRESHOLD)[rules.BRANCH_COMMITTEE_THRESHOLD.key]
        if size.full >= threshold:
            return None
        count = size.full
        return _(
            "A branch with fewer than %(threshold)s full members elects no committee: "
            "%(organization)s has %(count)s, so only a secretary and a deputy secretary may "
            "be appointed, not a %(role)s."
        ) % {
            "threshold": threshold,
            "organization": self.organization.name,
            "count": count,
            "role": self.get_role_display(),
        }

    def clean(self) -> None:
        errors = {}
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("A post cannot end before it starts.")
        if self.organization_id and self.role:
            allowed = ROLES_BY_KIND.get(self.organization.kind, set())
            if self.role not in allowed:
                errors["role"] = _("A %(kind)s has no post of %(role)s.") % {
                    "kind": self.organization.get_kind_display(),
                    "role": self.get_role_display(),
                }
            else:
                refusal = self._committee_refusal()
                if refusal:
                    errors["role"] = refusal
        if errors:
            raise ValidationError(errors)

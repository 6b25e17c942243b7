"""The residents' figures of a period: per grid cell the user sees, per community (the sums
over its cells the user sees) and in total — households, households in need (by category),
paired households, problems opened, open, overdue, resolved (within the deadline), the median
days to resolve them and the residents' satisfaction.

What each figure means:

- households: the households of the grid cell (grid.Household); households in need: those
  with a resident whose need is active now (NeedStatus.ACTIVE), once each, and per category
  of need (a household with residents of two categories counts in both);
- paired: households in need with a pairing in force on the period's last day (started on or
  before it, not ended before it); the paired share is paired / households in need;
- opened: problems reported in the period, duplicates merged into another left out;
  open and overdue (open, deadline before today) are counted as of today;
- resolved: problems resolved or confirmed now whose last "resolved" step falls in the
  period. A problem reopened (the resident not satisfied) counts again only once resolved
  again, in the period of that last resolution; while reopened it is open, not resolved.
  Within the deadline: the day of that step is on or before the problem's deadline (the one
  in force then: a reopening or an escalation sets a new one before the next resolution).
  Days to resolve: from the day reported to the day of that step; the median is over the
  problems resolved in the period (None when there are none);
- satisfaction: the resident's latest verdict (satisfied, basically satisfied, not
  satisfied), counted in the period of the step that recorded it; the satisfaction rate is
  satisfied or basically satisfied / all verdicts.

A fixed number of queries whatever the number of grid cells: one per figure family, grouped
by grid cell in the database; the resolutions and verdicts are read as one row per problem
(the median needs the days) and added up here.
"""

import datetime
import statistics
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from grid.models import Household
from organizations import scoping
from residents.models import NeedCategory, NeedStatus, ResidentInNeed
from residents.models.problems import (
    OPEN_STATES,
    Problem,
    ProblemAction,
    ProblemState,
    Satisfaction,
)

CELL, COMMUNITY, TOTAL = "cell", "community", "total"


@dataclass
class FigureRow:
    """The figures of one grid cell, one community or the total."""

    kind: str
    name: str
    code: str = ""
    community: str = ""
    pk: int | None = None
    households: int = 0
    in_need: int = 0
    by_category: list[int] = field(default_factory=list)
    paired: int = 0
    opened: int = 0
    open_now: int = 0
    overdue_now: int = 0
    oldest_open_on: datetime.date | None = None
    resolved: int = 0
    within_deadline: int = 0
    days_to_resolve: list[int] = field(default_factory=list, repr=False)
    satisfied: int = 0
    basically: int = 0
    not_satisfied: int = 0
    today: datetime.date | None = None

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def paired_share(self) -> float | None:
        return self._share(self.paired, self.in_need)

    @property
    def within_deadline_share(self) -> float | None:
        return self._share(self.within_deadline, self.resolved)

    @property
    def median_days(self) -> float | None:
        if not self.days_to_resolve:
            return None
        return round(float(statistics.median(self.days_to_resolve)), 1)

    @property
    def verdicts(self) -> int:
        return self.satisfied + self.basically + self.not_satisfied

    @property
    def satisfied_share(self) -> float | None:
        return self._share(self.satisfied + self.basically, self.verdicts)

    @property
    def longest_open_days(self) -> int | None:
        """Days the oldest open problem has been open (from the day it was reported)."""
        if self.oldest_open_on is None or self.today is None:
            return None
        return (self.today - self.oldest_open_on).days

    def add(self, other: "FigureRow") -> None:
        for name in (
            "households",
            "in_need",
            "paired",
            "opened",
            "open_now",
            "overdue_now",
            "resolved",
            "within_deadline",
            "satisfied",
            "basically",
            "not_satisfied",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        if not self.by_category:
            self.by_category = [0] * len(other.by_category)
        self.by_category = [a + b for a, b in zip(self.by_category, other.by_category, strict=True)]
        self.days_to_resolve = self.days_to_resolve + other.days_to_resolve
        if other.oldest_open_on is not None and (
            self.oldest_open_on is None or other.oldest_open_on < self.oldest_open_on
        ):
            self.oldest_open_on = other.oldest_open_on


@dataclass
class Figures:
    date_from: datetime.date
    date_to: datetime.date
    today: datetime.date
    categories: list
    cells: list[FigureRow]
    communities: list[FigureRow]
    total: FigureRow


def default_period(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The current year up to today."""
    today = today or timezone.localdate()
    return today.replace(month=1, day=1), today


def figure_communities_for(user):
    """The communities the user may narrow the figures to."""
    return scoping.visible_communities_for(user).order_by("code", "pk")


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _counts(queryset, key: str = "grid_cell_id") -> dict:
    return dict(queryset.order_by().values_list(key).annotate(n=Count("pk", distinct=True)))


def figures_for(
    user,
    date_from: datetime.date,
    date_to: datetime.date,
    *,
    community=None,
    today: datetime.date | None = None,
) -> Figures:
    """The figures of the grid cells ``user`` sees (those of ``community`` only, if given)
    for the period ``date_from``–``date_to`` (both included)."""
    today = today or timezone.localdate()
    cells_qs = scoping.visible_grid_cells_for(user)
    if community is not None:
        cells_qs = cells_qs.filter(community=community)
    cells = list(cells_qs.select_related("community").order_by("community__code", "code", "pk"))
    in_cells = cells_qs.values("pk")
    categories = list(NeedCategory.objects.all())
    category_index = {category.pk: i for i, category in enumerate(categories)}

    households = _counts(Household.objects.filter(grid_cell__in=in_cells))
    in_need = _counts(
        Household.objects.filter(
            grid_cell__in=in_cells, residents_in_need__status=NeedStatus.ACTIVE
        )
    )
    paired = _counts(
        Household.objects.filter(
            Q(grid_cell__in=in_cells)
            & Q(residents_in_need__status=NeedStatus.ACTIVE)
            & Q(pairings__started_on__lte=date_to)
            & (Q(pairings__ended_on__isnull=True) | Q(pairings__ended_on__gte=date_to))
        )
    )
    by_category = (
        ResidentInNeed.objects.filter(
            status=NeedStatus.ACTIVE,
            household__grid_cell__in=in_cells,
            categories__isnull=False,
        )
        .order_by()
        .values_list("household__grid_cell_id", "categories")
        .annotate(n=Count("household_id", distinct=True))
    )
    problems = Problem.objects.filter(grid_cell__in=in_cells)
    is_open = Q(state__in=OPEN_STATES)
    problem_counts = {
        row[0]: row[1:]
        for row in problems.order_by()
        .values_list("grid_cell_id")
        .annotate(
            opened=Count(
                "pk",
                filter=Q(reported_on__gte=date_from, reported_on__lte=date_to)
                & ~Q(state=ProblemState.MERGED),
            ),
            open_now=Count("pk", filter=is_open),
            overdue=Count("pk", filter=is_open & Q(due_on__lt=today)),
            oldest_open=Min("reported_on", filter=is_open),
        )
    }
    start, end = _day_start(date_from), _day_start(date_to + datetime.timedelta(days=1))
    resolutions = (
        problems.filter(state__in=(ProblemState.RESOLVED, ProblemState.CONFIRMED))
        .annotate(resolved_at=Max("events__at", filter=Q(events__action=ProblemAction.RESOLVED)))
        .filter(resolved_at__gte=start, resolved_at__lt=end)
        .order_by()
        .values_list("grid_cell_id", "reported_on", "due_on", "resolved_at")
    )
    verdicts = (
        problems.exclude(satisfaction="")
        .annotate(
            verdict_at=Max(
                "events__at",
                filter=Q(events__action__in=(ProblemAction.CONFIRMED, ProblemAction.REOPENED)),
            )
        )
        .filter(verdict_at__gte=start, verdict_at__lt=end)
        .order_by()
        .values_list("grid_cell_id", "satisfaction")
    )

    rows: dict[int, FigureRow] = {}
    for cell in cells:
        opened, open_now, overdue, oldest = problem_counts.get(cell.pk, (0, 0, 0, None))
        rows[cell.pk] = FigureRow(
            kind=CELL,
            name=cell.name,
            code=cell.code,
            community=cell.community.name,
            pk=cell.pk,
            households=households.get(cell.pk, 0),
            in_need=in_need.get(cell.pk, 0),
            by_category=[0] * len(categories),
            paired=paired.get(cell.pk, 0),
            opened=opened,
            open_now=open_now,
            overdue_now=overdue,
            oldest_open_on=oldest,
            today=today,
        )
    for cell_id, category_id, count in by_category:
        if cell_id in rows and category_id in category_index:
            rows[cell_id].by_category[category_index[category_id]] = count
    for cell_id, reported_on, due_on, resolved_at in resolutions:
        row = rows.get(cell_id)
        if row is None:
            continue
        resolved_on = timezone.localtime(resolved_at).date()
        row.resolved += 1
        row.within_deadline += resolved_on <= due_on
        row.days_to_resolve.append((resolved_on - reported_on).days)
    verdict_fields = {
        Satisfaction.SATISFIED: "satisfied",
        Satisfaction.BASICALLY: "basically",
        Satisfaction.NOT_SATISFIED: "not_satisfied",
    }
    for cell_id, satisfaction in verdicts:
        row = rows.get(cell_id)
        name = verdict_fields.get(satisfaction)
        if row is not None and name is not None:
            setattr(row, name, getattr(row, name) + 1)

    cell_rows = [rows[cell.pk] for cell in cells]
    communities: dict[int, FigureRow] = {}
    for cell in cells:
        community_row = communities.get(cell.community_id)
        if community_row is None:
            community_row = communities[cell.community_id] = FigureRow(
                kind=COMMUNITY,
                name=cell.community.name,
                code=cell.community.code,
                pk=cell.community_id,
                by_category=[0] * len(categories),
                today=today,
            )
        community_row.add(rows[cell.pk])
    total = FigureRow(kind=TOTAL, name="", by_category=[0] * len(categories), today=today)
    for row in cell_rows:
        total.add(row)
    return Figures(
        date_from=date_from,
        date_to=date_to,
        today=today,
        categories=categories,
        cells=cell_rows,
        communities=list(communities.values()),
        total=total,
    )

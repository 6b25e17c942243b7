"""Demo household visits 入户走访 of one street (a step of ``seed_residents``, after the
households): each household with a resident in need is visited by a grid worker of its cell.
Most were visited within ``residents.household_visit_days`` before the seeding day (with an
earlier visit before that), so they are not due; one in ten was never visited and one in ten
only long ago, so the grid workers' "due visits" is not empty (the demo grid worker's first
household in need is one never visited). Written in bulk; the same street gets the same
visits (seeded by its index); a street that has household visits already is left alone."""

import datetime
import random

from grid.models import GridWorkerAssignment, Household
from policies.registry import value
from residents.models import HouseholdVisit, NeedStatus
from residents.rules import HOUSEHOLD_VISIT_DAYS

NOTES = [
    "老人在家，精神尚好，提醒按时服药。",
    "了解近期生活情况，家中用品充足。",
    "询问就业意向，已登记推荐岗位。",
    "协助填写补贴申请材料，约定下周回访。",
    "家中无人，电话联系后约定再次上门。",
    "反映楼道照明不足，已记录并转社区处理。",
]
NEVER, LONG_AGO = 0, 1  # a household's place in every ten: never visited, visited long ago


def _workers(cells) -> dict[int, list[int]]:
    """The user ids of each cell's grid workers, in a fixed order."""
    workers: dict[int, list[int]] = {}
    assignments = (
        GridWorkerAssignment.objects.filter(grid_cell__in=cells)
        .order_by("grid_cell_id", "user_id")
        .values_list("grid_cell_id", "user_id")
    )
    for cell_id, user_id in assignments:
        workers.setdefault(cell_id, []).append(user_id)
    return workers


def _days_ago(n: int, rng: random.Random, days: int) -> list[int]:
    """How many days before the seeding day the ``n``-th household in need was visited,
    newest first: none, only long ago, or lately with an earlier visit."""
    if n % 10 == NEVER:
        return []
    if n % 10 == LONG_AGO:
        return [days + rng.randint(5, 2 * days + 5)]
    last = rng.randint(0, max(days - 5, 0))
    return [last, last + days + rng.randint(-3, 5)]


def seed_household_visits(ctx) -> None:
    cells = [cell.pk for cell in ctx.territory.cells]
    if not cells or HouseholdVisit.objects.filter(household__grid_cell__in=cells).exists():
        return
    rng = random.Random(f"household-visits-{ctx.index}")
    workers = _workers(cells)
    days = value(HOUSEHOLD_VISIT_DAYS)
    place = {pk: i for i, pk in enumerate(cells)}  # the territory's order: the demo cell first
    in_need = sorted(
        Household.objects.filter(
            grid_cell__in=list(workers), residents_in_need__status=NeedStatus.ACTIVE
        )
        .distinct()
        .values_list("pk", "grid_cell_id"),
        key=lambda row: (place[row[1]], row[0]),
    )
    visits = [
        HouseholdVisit(
            household_id=household_id,
            visited_on=ctx.today - datetime.timedelta(days=ago),
            visitor_id=rng.choice(workers[cell_id]),
            note=rng.choice(NOTES),
        )
        for n, (household_id, cell_id) in enumerate(in_need)
        for ago in _days_ago(n, rng, days)
    ]
    HouseholdVisit.objects.bulk_create(visits, batch_size=500)

"""The demo of households, residents in need and pairing assistance (a step of
``seed_residents``): 20 households in every grid cell of the street (bulk, the cells'
counts then kept in step with them), the first of each cell a party member central household;
three residents in need per cell with their categories; in the first cells a pairing of a
party member with a household, visited today (the hours appear among the volunteer
figures), and one visited 70 days ago without hours (its reminder is due). A street that has households
already is left alone, so running the seeding again writes nothing."""

import datetime
from decimal import Decimal

from django.db import transaction

from grid.models import Household
from members.models import Member
from organizations.models import Post
from residents.models import NeedCategory, ResidentInNeed
from residents.services.households import recount_households
from residents.services.pairing import pairing_save, visit_record

PER_CELL = 20
RESIDENTS = [
    ("王秀英", "F", 1942, ["elderly_alone"], "独居，腿脚不便，需每周上门看望，协助购买生活用品。"),
    ("李建国", "M", 1971, ["laid_off"], "原纺织厂下岗职工，希望介绍公益性岗位。"),
    ("张桂兰", "F", 1958, ["urban_poor", "disabled"], "低保户，肢体残疾，需协助办理助残补贴。"),
]
PAIRED_CELLS = 3


def _staff_user(ctx):
    post = (
        Post.objects.active(ctx.today)
        .filter(organization=ctx.tree.street_committee)
        .select_related("user")
        .first()
    )
    return post.user if post else None


def _households(cells) -> dict[int, list[Household]]:
    rows = [
        Household(
            grid_cell=cell,
            address=f"{cell.name}{n // 4 + 1}幢{n % 4 + 1}01室",
            size=1 + n % 4,
            is_central_household=n == 0,
        )
        for cell in cells
        for n in range(PER_CELL)
    ]
    Household.objects.bulk_create(rows)
    recount_households(cell.pk for cell in cells)
    by_cell: dict[int, list[Household]] = {}
    for household in Household.objects.filter(grid_cell__in=cells).order_by("pk"):
        by_cell.setdefault(household.grid_cell_id, []).append(household)
    return by_cell


def _residents(by_cell) -> None:
    categories = {c.code: c for c in NeedCategory.objects.all()}
    rows, codes = [], []
    for households in by_cell.values():
        for n, (name, gender, born, kinds, needs) in enumerate(RESIDENTS):
            rows.append(
                ResidentInNeed(
                    household=households[n + 1],
                    name=name,
                    gender=gender,
                    birth_year=born,
                    needs=needs,
                )
            )
            codes.append(kinds)
    ResidentInNeed.objects.bulk_create(rows)
    through = ResidentInNeed.categories.through
    through.objects.bulk_create(
        [
            through(residentinneed_id=resident.pk, needcategory_id=categories[code].pk)
            for resident, kinds in zip(rows, codes, strict=True)
            for code in kinds
            if code in categories
        ]
    )


def _pairings(ctx, user, cells, by_cell) -> None:
    for i, cell in enumerate(cells[:PAIRED_CELLS]):
        member = (
            Member.objects.on_roll().filter(organization__grid_cell=cell).order_by("pk").first()
        )
        if member is None:
            continue
        started = ctx.today - datetime.timedelta(days=200)
        pairing = pairing_save(
            user=user,
            household=by_cell[cell.pk][1],
            data={
                "member": member,
                "started_on": started,
                "goal": "每月至少上门一次，解决实际困难。",
            },
        )
        # the overdue pairing's last visit (70 days ago) brought no hours, and the others' are
        # today's: the activities demo's reports summarise the periods already over, which
        # a volunteer activity added afterwards would contradict
        ago = 70 if i == 0 else 0
        visit_record(
            user=user,
            pairing=pairing,
            data={
                "visited_on": ctx.today - datetime.timedelta(days=ago),
                "done": "上门看望，帮助打扫卫生、代购药品。",
                "hours": Decimal(0 if ago else 2),
                "outcome": "老人情绪稳定，生活用品已补齐。",
            },
        )


def seed_households(ctx) -> None:
    cells = list(ctx.territory.cells)
    if not cells or Household.objects.filter(grid_cell__in=cells).exists():
        return
    with transaction.atomic():
        by_cell = _households(cells)
        _residents(by_cell)
        user = _staff_user(ctx)
        if user is not None and ctx.members_per_street > 0:
            _pairings(ctx, user, cells, by_cell)

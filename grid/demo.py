"""Demo territory: one street with its communities, grid cells and buildings.

Everything is derived from the street's index, so that building it again changes nothing.
``upsert`` is shared with the demo builders of the other apps."""

import random
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models

from grid.models import Building, Community, GridCell, Household, Street

M = TypeVar("M", bound=models.Model)

# A cell is about 380 m by 330 m at Nanjing's latitude; the gap keeps neighbours from touching.
CELL_WIDTH = 0.004
CELL_HEIGHT = 0.003
GAP = 0.0003
CELL_COLUMNS = 3  # cells per row inside a community
COMMUNITY_COLUMNS = 3  # communities per row inside a street
STREET_SPAN = 0.05  # longitude between the origins of two streets
ORIGIN = (118.76, 32.03)
CELLS_PER_COMMUNITY = (8, 7, 7, 6, 6, 6)

DEMO_STREET = ("CD", "城东街道", "玄武区")
DEMO_COMMUNITIES = [
    ("梅园社区", "梅园路"),
    ("兰苑社区", "兰苑路"),
    ("竹林社区", "竹林街"),
    ("菊香社区", "菊香路"),
    ("桃源社区", "桃源路"),
    ("柳岸社区", "柳岸街"),
]
OTHER_STREETS = ["城西", "城南", "城北", "江湾", "湖滨", "龙山", "新港", "松涛"]
OTHER_DISTRICTS = ["秦淮区", "鼓楼区", "建邺区", "栖霞区", "雨花台区"]
OTHER_COMMUNITIES = [
    "和平", "幸福", "光华", "友谊", "团结", "青石", "红枫", "银杏",
    "金桂", "玉泉", "长乐", "安康", "文昌", "锦绣", "翠屏", "清溪",
]  # fmt: skip
DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 40 → 四十: enough for ordinals up to 99."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def upsert(
    model: type[M],
    lookup: dict[str, Any],
    values: dict[str, Any],
    create_only: dict[str, Any] | None = None,
) -> M:
    """``update_or_create`` that validates and writes only when something differs, so that
    a second run of the seeding writes nothing, not even a history row."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values, **(create_only or {}))
    else:
        changed = [name for name, value in values.items() if _differs(obj, name, value)]
        if not changed:
            return obj
        for name in changed:
            setattr(obj, name, values[name])
    # related rows were just read or created by the seeding: skip re-checking that they exist
    obj.full_clean(exclude=[f.name for f in model._meta.concrete_fields if f.many_to_one])
    obj.save()
    return obj


def _differs(obj: models.Model, name: str, value: Any) -> bool:
    field = obj._meta.get_field(name)
    if field.many_to_one:  # compare ids: reading the related object would cost a query
        return getattr(obj, field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


@dataclass
class CommunityArea:
    community: Community
    road: str
    cells: list[GridCell]


@dataclass
class Territory:
    index: int
    street: Street
    areas: list[CommunityArea]

    @property
    def cells(self) -> list[GridCell]:
        return [cell for area in self.areas for cell in area.cells]

    @property
    def short_name(self) -> str:
        """城东街道 → 城东, for naming the units and enterprises of the street."""
        return self.street.name.removesuffix("街道")


def street_names(index: int) -> tuple[str, str, str, list[tuple[str, str]]]:
    """Code, name, district and (community, road) names of the street with this index."""
    if index == 1:
        return (*DEMO_STREET, DEMO_COMMUNITIES)
    short = OTHER_STREETS[index - 2] if index - 2 < len(OTHER_STREETS) else f"第{index}"
    district = OTHER_DISTRICTS[(index - 2) % len(OTHER_DISTRICTS)]
    start = (index - 2) * len(CELLS_PER_COMMUNITY)
    names = [
        OTHER_COMMUNITIES[(start + k) % len(OTHER_COMMUNITIES)]
        for k in range(len(CELLS_PER_COMMUNITY))
    ]
    communities = [(f"{name}社区", f"{name}路") for name in names]
    return f"S{index:02d}", f"{short}街道", district, communities


def rectangle(west: float, south: float) -> dict:
    east, north = west + CELL_WIDTH, south + CELL_HEIGHT
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in ring]]}


def cell_boundary(street_index: int, community_index: int, cell_index: int) -> dict:
    """Streets side by side, communities in blocks of cells: no two cells overlap."""
    rows = -(-max(CELLS_PER_COMMUNITY) // CELL_COLUMNS)
    block_width = CELL_COLUMNS * (CELL_WIDTH + GAP) + 2 * GAP
    block_height = rows * (CELL_HEIGHT + GAP) + 2 * GAP
    block_row, block_column = divmod(community_index, COMMUNITY_COLUMNS)
    row, column = divmod(cell_index, CELL_COLUMNS)
    west = ORIGIN[0] + (street_index - 1) * STREET_SPAN + block_column * block_width
    south = ORIGIN[1] + block_row * block_height
    return rectangle(west + column * (CELL_WIDTH + GAP), south + row * (CELL_HEIGHT + GAP))


def build_territory(index: int) -> Territory:
    code, name, district, communities = street_names(index)
    street = upsert(Street, {"code": code}, {"name": name, "district": district})
    areas = []
    for k, ((community_name, road), cell_count) in enumerate(
        zip(communities, CELLS_PER_COMMUNITY, strict=True)
    ):
        community = upsert(
            Community,
            {"street": street, "code": f"{code}{k + 1:02d}"},
            {"name": community_name, "address": f"{road}{8 + 12 * k}号"},
        )
        cells = [build_cell(index, k, community, road, n) for n in range(cell_count)]
        areas.append(CommunityArea(community, road, cells))
    build_buildings(areas)
    return Territory(index, street, areas)


def build_cell(street_index: int, k: int, community: Community, road: str, n: int) -> GridCell:
    code = f"{community.code}-{n + 1:02d}"
    rng = random.Random(f"cell:{code}")
    households = rng.randint(300, 500)
    values = {
        "name": f"{community.name}第{chinese_number(n + 1)}网格",
        "boundary": cell_boundary(street_index, k, n),
        "household_count": households,
        "population": round(households * rng.uniform(2.3, 2.9)),
        "description": f"{road}{chinese_number(n + 1)}片区",
    }
    if Household.objects.filter(grid_cell__community=community, grid_cell__code=code).exists():
        del values["household_count"]  # counted from the household records: one figure
    return upsert(GridCell, {"community": community, "code": code}, values)


def build_buildings(areas: list[CommunityArea]) -> None:
    """Buildings are numbered through the community (1栋, 2栋 … across its cells).
    They carry no history, so new ones go in with one bulk insert."""
    cells = [cell for area in areas for cell in area.cells]
    existing = {(b.grid_cell_id, b.name): b for b in Building.objects.filter(grid_cell__in=cells)}
    counted = set(
        Household.objects.filter(grid_cell__in=cells).values_list("grid_cell_id", flat=True)
    )
    new: list[Building] = []
    for area in areas:
        number = 0
        for cell in area.cells:
            rng = random.Random(f"buildings:{cell.code}")
            count = rng.randint(2, 6)
            # The buildings share out the cell's households exactly (the first ones take
            # the remainder), so that they add up to the figure the grid list shows.
            share, remainder = divmod(cell.household_count, count)
            for i in range(count):
                number += 1
                values = {
                    "address": f"{area.road}{number * 2 + 1}号",
                    "household_count": share + (1 if i < remainder else 0),
                    "floors": rng.choice([6, 7, 11, 18, 26]),
                }
                building = existing.get((cell.pk, f"{number}栋"))
                if cell.pk in counted:
                    del values["household_count"]  # counted from the household records
                if building is None:
                    new.append(Building(grid_cell=cell, name=f"{number}栋", **values))
                elif any(getattr(building, f) != v for f, v in values.items()):
                    Building.objects.filter(pk=building.pk).update(**values)
    for building in new:
        building.full_clean(validate_unique=False, validate_constraints=False)
    Building.objects.bulk_create(new)

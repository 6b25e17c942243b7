"""The demo territory: building it twice changes nothing."""

from django.db.models import Sum

from grid.demo import build_territory
from grid.models import Building, GridCell


def test_the_demo_buildings_add_up_to_their_grid_cells_households(db):
    # The grid list shows the cell's figure, the cell page its buildings: with the
    # households divided down (311 // 5 = 62 a building), the two read 311 and 310.
    build_territory(1)
    totals = dict(
        Building.objects.values("grid_cell")
        .annotate(n=Sum("household_count"))
        .values_list("grid_cell", "n")
    )
    cells = list(GridCell.objects.all())
    assert cells and totals
    assert {cell.pk: cell.household_count for cell in cells} == totals

"""The grid pages: the list of visible grid cells and a cell's detail."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from grid.filters import GridCellFilter
from grid.geojson import boundary_outline
from grid.selectors import grid_cell_detail_for, grid_cell_list_for, visible_communities_for

PAGE_SIZE = 25


@login_required
def cell_list(request):
    cell_filter = GridCellFilter(
        request.GET or None,
        queryset=grid_cell_list_for(request.user),
        communities=visible_communities_for(request.user),
    )
    page = Paginator(cell_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "grid/cell_list.html",
        {"filter": cell_filter, "page": page, "query": query.urlencode()},
    )


@login_required
def cell_detail(request, pk: int):
    cell = grid_cell_detail_for(request.user, pk)
    return render(
        request,
        "grid/cell_detail.html",
        {"cell": cell, "outline": boundary_outline(cell.boundary)},
    )

"""The organization pages: the tree and an organization's detail."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render

from organizations import scoping
from organizations.filters import AccessEventFilter, OrganizationFilter
from organizations.selectors import (
    access_log_for,
    branch_shortfall,
    grid_cell_search_for,
    organization_detail_for,
    organization_search_for,
    organization_tree_for,
    tree_rows,
    visible_ancestors,
)
from organizations.services import retention_days


@login_required
def tree(request):
    searching = bool(request.GET.get("q") or request.GET.get("kind"))
    organizations = OrganizationFilter(
        request.GET or {}, queryset=organization_tree_for(request.user), request=None
    ).qs
    shown = tree_rows(organizations, expand_all=searching)
    return render(
        request,
        "organizations/tree.html",
        {
            "organizations": shown.rows,
            "filter": OrganizationFilter(request.GET or None),
            "searching": searching,
            "collapsed": shown.collapsed,
        },
    )


@login_required
def detail(request, pk: int):
    organization = organization_detail_for(request.user, pk)
    return render(
        request,
        "organizations/detail.html",
        {
            "organization": organization,
            "ancestors": visible_ancestors(request.user, organization),
            "can_manage": scoping.can_manage_organization(request.user, organization),
            "shortfall": branch_shortfall(organization),
        },
    )


ACCESS_LOG_PAGE_SIZE = 50


@login_required
def access_log(request):
    """The access log: a superuser's all of it, a street's staff their street's; 403 for others."""
    if not scoping.may_read_access_log(request.user):
        raise PermissionDenied
    events = AccessEventFilter(request.GET or None, queryset=access_log_for(request.user))
    page = Paginator(events.qs, ACCESS_LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "organizations/access_log.html",
        {
            "filter": events,
            "page": page,
            "query": query.urlencode(),
            "retention_days": retention_days(),
        },
    )


@login_required
def search_organizations(request):
    """The search box of an organization choice beyond the select limit (JSON)."""
    return JsonResponse(
        {"results": organization_search_for(request.user, request.GET.get("q", ""))}
    )


@login_required
def search_grid_cells(request):
    """The search box of a grid cell choice beyond the select limit (JSON)."""
    return JsonResponse({"results": grid_cell_search_for(request.user, request.GET.get("q", ""))})

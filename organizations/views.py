"""The organization pages: the tree and an organization's detail."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from organizations import scoping
from organizations.filters import OrganizationFilter
from organizations.selectors import (
    branch_shortfall,
    organization_detail_for,
    organization_tree_for,
    tree_rows,
    visible_ancestors,
)


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

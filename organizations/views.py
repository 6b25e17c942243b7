"""The organization pages: the tree and an organization's detail."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Min
from django.shortcuts import render

from organizations import scoping
from organizations.filters import OrganizationFilter
from organizations.selectors import (
    branch_shortfall,
    organization_detail_for,
    organization_tree_for,
    visible_ancestors,
)

FULL_TREE_LIMIT = 400  # above this, the tree opens two levels deep; the rest is a click away


@login_required
def tree(request):
    searching = bool(request.GET.get("q") or request.GET.get("kind"))
    organizations = OrganizationFilter(
        request.GET or {}, queryset=organization_tree_for(request.user), request=None
    ).qs
    # Indent relative to the shallowest organization shown, so each user's tree starts at the left.
    shape = organizations.order_by().aggregate(top=Min("depth"), size=Count("id"))
    top = shape["top"] or 1
    collapsed = not searching and shape["size"] > FULL_TREE_LIMIT
    if collapsed:
        organizations = organizations.filter(depth__lte=top + 1)
    organizations = list(organizations)
    for org in organizations:
        org.indent = org.depth - top
    return render(
        request,
        "organizations/tree.html",
        {
            "organizations": organizations,
            "filter": OrganizationFilter(request.GET or None),
            "searching": searching,
            "collapsed": collapsed,
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

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from organizations import scoping
from organizations.filters import OrganizationFilter
from organizations.selectors import (
    organization_detail_for,
    organization_tree_for,
    visible_ancestors,
)


@login_required
def tree(request):
    organizations = list(organization_tree_for(request.user, filters=request.GET))
    # Indent relative to the shallowest organization shown, so each user's tree starts at the left.
    top = min((o.depth for o in organizations), default=1)
    for org in organizations:
        org.indent = org.depth - top
    return render(
        request,
        "organizations/tree.html",
        {
            "organizations": organizations,
            "filter": OrganizationFilter(request.GET or None),
            "searching": bool(request.GET.get("q") or request.GET.get("kind")),
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
        },
    )

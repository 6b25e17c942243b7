from django.db.models import Count, Q

from organizations import scoping
from organizations.models import OrgKind, Post
from organizations.selectors import two_new_coverage_for


def home_summary_for(user) -> dict:
    organizations = scoping.visible_organizations_for(user).filter(dissolved_on__isnull=True)
    by_kind = organizations.aggregate(
        total=Count("id"),
        **{kind: Count("id", filter=Q(kind=kind)) for kind in OrgKind.values},
    )
    return {
        "my_posts": Post.objects.active()
        .filter(user=user)
        .select_related("organization")
        .order_by("organization__path"),
        "organization_counts": [
            (label, by_kind[kind]) for kind, label in OrgKind.choices if by_kind[kind]
        ],
        "organization_total": by_kind["total"],
        "grid_cell_count": scoping.visible_grid_cells_for(user).count(),
        "unit_count": scoping.visible_unit_organizations_for(user).count(),
        "two_new": two_new_coverage_for(user),
        "assigned_cells": scoping.visible_grid_cells_for(user)
        .filter(id__in=scoping.scope_for(user).assigned_grid_cell_ids)
        .select_related("community"),
    }

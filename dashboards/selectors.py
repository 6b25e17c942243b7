"""Read queries of the home page: the cards of organizations, grid cells and activities."""

from django.db.models import Count, Q
from django.urls import reverse

from activities.models import ReportState
from activities.selectors.compliance import missing_now_for
from activities.selectors.mix import type_mix_summary_for
from activities.selectors.reports import my_reports_for, reports_waiting_count_for
from activities.selectors.volunteer import volunteer_summary_for
from organizations import scoping
from organizations.models import Organization, OrgKind, Post
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
        "activities": activities_summary_for(user),
    }


MISSING_SHOWN = 12


def activities_summary_for(user) -> dict:
    """The activities card of the home page: required meetings still open this month and
    quarter in the organizations the user manages, reports waiting for the user's review and
    the user's returned reports, and this year's activity mix and volunteer hours."""
    missing = missing_now_for(user)
    shown = missing[:MISSING_SHOWN]
    names = dict(
        Organization.objects.filter(pk__in={c.organization_id for c in shown}).values_list(
            "pk", "name"
        )
    )
    return {
        "missing": [
            {
                "organization": names.get(cell.organization_id, ""),
                "label": cell.label,
                "period": cell.period.key,
                "state": cell.state,
                "state_label": cell.state_label,
                "url": f"{reverse('activities:compliance')}?organization={cell.organization_id}"
                f"&year={cell.period.start.year}",
            }
            for cell in shown
        ],
        "missing_total": len(missing),
        "waiting_review": reports_waiting_count_for(user),
        "returned": my_reports_for(user, state=ReportState.RETURNED).count(),
        "mix": type_mix_summary_for(user),
        "volunteer": volunteer_summary_for(user, top=0),  # the card shows the totals only
    }

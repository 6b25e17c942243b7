"""Volunteer service figures and the activity-type mix, for the organizations the user sees."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from activities.selectors import mix, volunteer
from activities.views import query_without_page
from config.db_routers import figure_page
from organizations import scoping
from organizations.filters import FIRST_YEAR, LAST_YEAR
from organizations.models import OrgKind

PAGE_SIZE = 50
FILTER_KINDS = (
    OrgKind.STREET_COMMITTEE,
    OrgKind.COMMUNITY_COMMITTEE,
    OrgKind.GENERAL_BRANCH,
    OrgKind.BRANCH,
)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _year(request) -> int:
    raw = request.GET.get("year")
    if not raw:
        return timezone.localdate().year
    year = _int(raw)
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


def _organization(request):
    """``?organization=``: one the user sees (404 otherwise), or None for everything."""
    pk = request.GET.get("organization")
    return scoping.get_organization_for_user(request.user, pk) if pk else None


def _organizations(user):
    return volunteer.organizations_to_filter_for(user, FILTER_KINDS)


@login_required
@figure_page
def volunteer_page(request):
    year = _year(request)
    organization = _organization(request)
    user = request.user
    page = Paginator(
        volunteer.volunteer_hours_by_member(user, year, organization), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "activities/volunteer/volunteer.html",
        {
            "year": year,
            "organization": organization,
            "organizations": _organizations(user),
            "page": page,
            "query": query_without_page(request),
            "totals": volunteer.volunteer_totals(user, year, organization),
            "by_branch": volunteer.volunteer_hours_by_branch(user, year, organization),
            "by_project": volunteer.volunteer_hours_by_project(user, year, organization),
            "top": volunteer.top_volunteers(user, year, 10, organization),
            "networks": volunteer.services_by_network(user, year, organization),
        },
    )


ORGANIZATIONS_PER_PAGE = 50


@login_required
@figure_page
def type_mix(request):
    year = _year(request)
    quarter = _int(request.GET.get("quarter"))
    if request.GET.get("quarter") and quarter not in (1, 2, 3, 4):
        raise Http404
    organization = _organization(request)
    user = request.user
    return render(
        request,
        "activities/volunteer/mix.html",
        {
            "year": year,
            "quarter": quarter,
            "quarters": (1, 2, 3, 4),
            "organization": organization,
            "organizations": _organizations(user),
            "mix": mix.type_mix_for(user, organization, year, quarter),
            "by_organization": Paginator(
                mix.type_mix_by_organization(user, organization, year, quarter),
                ORGANIZATIONS_PER_PAGE,
            ).get_page(request.GET.get("page")),
            "query": query_without_page(request),
        },
    )

"""The compliance page of an organization and year, the overview of the organizations below
it, and the exemptions granted by the level above."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from activities.forms.compliance import ExemptionForm
from activities.models import Frequency
from activities.periods import parse_period, period_of
from activities.selectors.compliance import (
    active_exemptable_organizations_for,
    can_exempt,
    compliance_calendar,
    compliance_overview,
    default_organization_for,
    exemptions_of,
    picker_for,
    reference_day,
    visible_exemptions_for,
)
from activities.services.exemptions import exemption_create, exemption_end, exemption_withdraw
from activities.views import message_errors
from config.forms import add_service_errors
from organizations import scoping
from organizations.filters import FIRST_YEAR, LAST_YEAR
from organizations.models import Organization

OVERVIEW_PAGE_SIZE = 100


def _year(raw, today: datetime.date) -> int:
    try:
        year = int(raw)
    except (TypeError, ValueError):
        return today.year
    return year if FIRST_YEAR <= year <= LAST_YEAR else today.year


def _overview_key(raw, year: int, today: datetime.date) -> str:
    """The month the overview shows: ``?month=``, else this month in this year, else the
    last month of a past year or the first of a future one."""
    try:
        period = parse_period(raw)
    except ValueError:
        period = None
    if period is not None and period.frequency == Frequency.MONTH:
        return period.key
    if year == today.year:
        return f"{today:%Y-%m}"
    return f"{year}-12" if year < today.year else f"{year}-01"


@login_required
def compliance(request):
    today = timezone.localdate()
    year = _year(request.GET.get("year"), today)
    if request.GET.get("organization"):
        organization = scoping.get_organization_for_user(
            request.user, request.GET.get("organization")
        )
    else:
        organization = default_organization_for(request.user)
    context = {"year": year, "today": today, "organization": organization}
    if organization is None:
        return render(request, "activities/compliance/calendar.html", context)
    month_key = _overview_key(request.GET.get("month"), year, today)
    month = period_of(reference_day(month_key, today), Frequency.MONTH)
    overview = compliance_overview(request.user, month_key, today=today, under=organization)
    context.update(
        calendar=compliance_calendar(organization, year, today=today),
        overview=Paginator(overview, OVERVIEW_PAGE_SIZE).get_page(request.GET.get("page")),
        overview_month=month,
        overview_quarter=period_of(month.start, Frequency.QUARTER),
        previous_month=period_of(month.start - datetime.timedelta(days=1), Frequency.MONTH),
        next_month=period_of(month.end + datetime.timedelta(days=1), Frequency.MONTH),
        exemptions=exemptions_of(organization, year),
        can_exempt=can_exempt(request.user, organization),
        picker=picker_for(request.user, organization),
        activity_list_url=reverse("activities:activity_list"),
        years=[year - 1, year + 1],
    )
    return render(request, "activities/compliance/calendar.html", context)


def _calendar_url(organization: Organization, year: int) -> str:
    query = urlencode({"organization": organization.pk, "year": year})
    return f"{reverse('activities:compliance')}?{query}"


@login_required
def exemption_create_view(request):
    organizations = active_exemptable_organizations_for(request.user)
    organization = None
    if request.GET.get("organization"):
        organization = scoping.get_organization_for_user(
            request.user, request.GET.get("organization")
        )
        if not can_exempt(request.user, organization):
            raise PermissionDenied(
                _("An exemption is granted by the level above the organization.")
            )
    elif not organizations.exists():
        raise PermissionDenied(_("An exemption is granted by the level above the organization."))
    form = ExemptionForm(
        request.POST or None, organizations=organizations, organization=organization
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            exemption = exemption_create(user=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Exemption recorded."))
            return redirect(_calendar_url(exemption.organization, exemption.starts_on.year))
    return render(
        request,
        "activities/compliance/exemption_form.html",
        {"form": form, "organization": organization},
    )


def _exemption_to_change(request, pk: int):
    exemption = get_object_or_404(visible_exemptions_for(request.user), pk=pk)
    if not can_exempt(request.user, exemption.organization):
        raise PermissionDenied(_("An exemption is granted by the level above the organization."))
    return exemption


def _exemption_step(request, pk: int, service, success: str):
    exemption = _exemption_to_change(request, pk)
    try:
        service(user=request.user, exemption=exemption)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, success)
    return redirect(_calendar_url(exemption.organization, exemption.starts_on.year))


@login_required
@require_POST
def exemption_end_view(request, pk: int):
    return _exemption_step(request, pk, exemption_end, _("Exemption ended today."))


@login_required
@require_POST
def exemption_withdraw_view(request, pk: int):
    return _exemption_step(request, pk, exemption_withdraw, _("Exemption withdrawn."))

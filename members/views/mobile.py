"""Pages of mobile members: the census, the lists to act on, a record with its permit and
contact log. Outsiders get 404, read-only roles 403 on every form, anonymous users the login."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from config.forms import add_service_errors
from members.filters.mobile import MobileMemberFilter
from members.forms.mobile import (
    ContactForm,
    EndForm,
    MobileRecordEditForm,
    MobileRecordForm,
    PermitIssueForm,
    PermitRenewForm,
)
from members.selectors.mobile import (
    census_for,
    census_organizations_for,
    contacts_of,
    drifting_members_for,
    get_mobile_record_for_user,
    life_signs,
    may_record_mobile,
    mobile_records_for,
    pocket_transfers_for,
    renewals_of,
    thresholds,
)
from members.services import mobile as services
from organizations import scoping
from organizations.models import Organization

PAGE_SIZE = 50


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _chosen_organization(request):
    """The organization the page is narrowed to, or None; one outside the scope is a 404."""
    pk = request.GET.get("organization")
    if not pk:
        return None
    try:
        return census_organizations_for(request.user).get(pk=pk)
    except (Organization.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


@login_required
def census(request):
    organization = _chosen_organization(request)
    return render(
        request,
        "members/mobile/census.html",
        {
            "census": census_for(request.user, organization=organization),
            "organization": organization,
            "organizations": census_organizations_for(request.user),
            "may_record": may_record_mobile(request.user),
        },
    )


@login_required
def record_list(request):
    record_filter = MobileMemberFilter(
        request.GET, queryset=mobile_records_for(request.user), request=request
    )
    page = Paginator(record_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "members/mobile/list.html",
        {
            "filter": record_filter,
            "page": page,
            "query": _query_without_page(request),
            "limits": record_filter.limits,
            "may_record": may_record_mobile(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request):
    if not may_record_mobile(request.user):
        raise PermissionDenied
    form = MobileRecordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.mobile_record_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is recorded.") % {"name": record.display_name})
            return redirect("members:mobile_detail", pk=record.pk)
    return render(request, "members/mobile/form.html", {"form": form, "record": None})


def _record_to_change(request, pk: int):
    record = get_mobile_record_for_user(request.user, pk)
    if not scoping.can_manage_path(request.user, record.organization.path):
        raise PermissionDenied
    return record


def _render_detail(request, record, status: int = 200, **forms):
    can_manage = record.ended_on is None and scoping.can_manage_path(
        request.user, record.organization.path
    )
    limits = thresholds()
    if can_manage:
        forms.setdefault("contact_form", ContactForm())
        if record.permit_valid_until is None:
            forms.setdefault("permit_form", PermitIssueForm())
        else:
            forms.setdefault("renew_form", PermitRenewForm())
        forms.setdefault("end_form", EndForm())
    context = {
        "record": record,
        "contacts": contacts_of(record),
        "renewals": renewals_of(record),
        "can_manage": can_manage,
        "limits": limits,
        "days_since_contact": (limits.today - record.contact_clock).days,
        "not_contacted": record.ended_on is None and record.contact_clock <= limits.contact_before,
        "permit_expired": bool(
            record.permit_valid_until and record.permit_valid_until < limits.today
        ),
        "permit_expiring": bool(
            record.permit_valid_until
            and limits.today <= record.permit_valid_until <= limits.permit_horizon
        ),
        "should_transfer": record.ended_on is None
        and record.fixed_place
        and record.away_since <= limits.away_before,
        **forms,
    }
    return render(request, "members/mobile/detail.html", context, status=status)


@login_required
def record_detail(request, pk: int):
    return _render_detail(request, get_mobile_record_for_user(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request, pk: int):
    record = _record_to_change(request, pk)
    form = MobileRecordEditForm(request.POST or None, record=record, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.mobile_record_update(actor=request.user, record=record, **form.changes())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("members:mobile_detail", pk=record.pk)
    return render(request, "members/mobile/form.html", {"form": form, "record": record})


def _post_action(request, pk: int, form_class, form_name: str, service, success: str):
    """A form of the record page: the service on success, the page with the errors if not."""
    record = _record_to_change(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(actor=request.user, record=record, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("members:mobile_detail", pk=record.pk)
    return _render_detail(request, record, status=200, **{form_name: form})


@login_required
@require_POST
def contact_add(request, pk: int):
    return _post_action(
        request, pk, ContactForm, "contact_form", services.contact_record, _("Contact logged.")
    )


@login_required
@require_POST
def permit_issue(request, pk: int):
    return _post_action(
        request, pk, PermitIssueForm, "permit_form", services.permit_issue, _("Permit recorded.")
    )


@login_required
@require_POST
def permit_renew(request, pk: int):
    return _post_action(
        request, pk, PermitRenewForm, "renew_form", services.permit_renew, _("Permit renewed.")
    )


@login_required
@require_POST
def record_end(request, pk: int):
    return _post_action(
        request, pk, EndForm, "end_form", services.mobile_record_end, _("The record is ended.")
    )


@login_required
def drifting(request):
    organization = _chosen_organization(request)
    limits = thresholds()
    members = drifting_members_for(request.user, limits=limits, organization=organization)
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    signs = life_signs()
    for member in page:
        member.signs = [getattr(member, f"last_{sign.key}") for sign in signs]
    return render(
        request,
        "members/mobile/drifting.html",
        {
            "page": page,
            "signs": signs,
            "limits": limits,
            "organization": organization,
            "organizations": census_organizations_for(request.user),
            "query": _query_without_page(request),
        },
    )


@login_required
def pocket(request):
    organization = _chosen_organization(request)
    transfers = pocket_transfers_for(request.user, organization=organization)
    page = Paginator(transfers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "members/mobile/pocket.html",
        {
            "page": page,
            "organization": organization,
            "organizations": census_organizations_for(request.user),
            "query": _query_without_page(request),
        },
    )

"""Dues pages: the collection overview, a branch's month sheet, arrears."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members import rules
from members.dues_table import add_months, make_up_deadline
from members.forms.dues import DuesBulkPaymentForm, DuesIncomeForm
from members.selectors.dues import (
    DuesStatus,
    dues_arrears_for,
    dues_month_sheet_for,
    dues_organization_for,
    dues_overview_for,
    get_dues_record_for_user,
)
from members.services.dues import dues_income_set, dues_month_open, dues_payments_record
from organizations import scoping
from policies.registry import value

PAGE_SIZE = 50


@login_required
def overview(request):
    months, rows = dues_overview_for(request.user)
    return render(request, "members/dues/overview.html", {"months": months, "rows": rows})


@login_required
def month_sheet(request, org_pk: int, month):
    organization = dues_organization_for(request.user, org_pk)
    can_manage = scoping.can_manage_organization(request.user, organization)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    sheet = dues_month_sheet_for(request.user, organization, month)
    today = timezone.localdate()
    form = DuesBulkPaymentForm(request.POST or None, records=sheet.records)
    row_errors: dict[int, list[str]] = {}
    if request.method == "POST" and form.is_valid():
        row_errors = _record_payments(request, form)
        if not row_errors and not form.errors:
            messages.success(
                request,
                _("%(count)s payments recorded.") % {"count": len(form.cleaned_data["chosen"])},
            )
            return redirect(request.get_full_path())
    for record in sheet.records:
        record.errors = row_errors.get(record.pk, [])
        if record.paid_on is None:
            record.pay_field, record.amount_field = form.row_fields(record)
    return render(
        request,
        "members/dues/month.html",
        {
            "sheet": sheet,
            "form": form,
            "can_manage": can_manage,
            "can_open": can_manage and month <= today <= sheet.make_up_deadline,
            "statuses": DuesStatus,
            "previous_month": add_months(month, -1),
            "next_month": add_months(month, 1),
        },
    )


def _record_payments(request, form) -> dict[int, list[str]]:
    """All ticked payments, or none; a refusal about the day goes on the form."""
    day_errors, row_errors = dues_payments_record(
        actor=request.user,
        payments=[(r, form.cleaned_data[f"amount_{r.pk}"]) for r in form.cleaned_data["chosen"]],
        paid_on=form.cleaned_data["paid_on"],
    )
    if day_errors:
        form.add_error("paid_on", day_errors)
    return row_errors


@login_required
@require_POST
def month_open(request, org_pk: int, month):
    organization = dues_organization_for(request.user, org_pk)
    if not scoping.can_manage_organization(request.user, organization):
        raise PermissionDenied
    try:
        opened = dues_month_open(actor=request.user, organization=organization, month=month)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        text = _("%(created)s dues records created.") % {"created": opened.created}
        if opened.income_needed:
            text += " " + _("%(count)s of them need the member's income before payment.") % {
                "count": opened.income_needed
            }
        messages.success(request, text)
    return redirect("members:dues_month", org_pk=organization.pk, month=month)


@login_required
@require_POST
def record_income(request, pk: int):
    record = get_dues_record_for_user(request.user, pk)
    if not scoping.can_manage_path(request.user, record.organization.path):
        raise PermissionDenied
    form = DuesIncomeForm(request.POST)
    if form.is_valid():
        try:
            dues_income_set(actor=request.user, record=record, income=form.cleaned_data["income"])
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(
                request, _("Income of %(member)s entered.") % {"member": record.member.name}
            )
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse(
            "members:dues_month",
            kwargs={"org_pk": record.organization_id, "month": record.month},
        )
    return redirect(target)


@login_required
def arrears(request):
    long_only = request.GET.get("long") == "1"
    qs = dues_arrears_for(request.user, long_only=long_only)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    months = value(rules.DUES_MAKE_UP_MONTHS)
    today = timezone.localdate()
    for member in page:
        member.long_arrears = member.arrears_count >= months
        member.window_closed_on = make_up_deadline(member.oldest_unpaid, months)
        member.lapsed = today > member.window_closed_on
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "members/dues/arrears.html",
        {
            "page": page,
            "query": query.urlencode(),
            "long_only": long_only,
            "long_months": months,
        },
    )

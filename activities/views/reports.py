"""Report pages: the organization's reports, creating one (from an activity or as a monthly
or quarterly summary), a report with its steps and the actions the user may take, and the
review queue of the staff above."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from activities import rules
from activities.attendance import attendance_counts
from activities.forms.reports import (
    RemarksForm,
    ReportListFilter,
    ReviewForm,
    ReviewQueueFilter,
    SummaryForm,
    default_period,
)
from activities.models import Report, ReportKind
from activities.selectors.reports import (
    activity_types_by_id,
    attendance_of,
    get_activity_to_report,
    get_report_for_user,
    my_reports_for,
    report_of_activity,
    reported_activity,
    reporting_organizations_for,
    review_queue_for,
    summary_report,
)
from activities.services import reports as services
from activities.views import message_errors, query_without_page
from config.forms import add_service_errors
from organizations import scoping
from organizations.selectors import change_history
from policies.registry import value

PAGE_SIZE = 50
STATE_LABELS = {
    "held": gettext_lazy("held"),
    "exempt": gettext_lazy("exempt"),
    "missing": gettext_lazy("missing"),
    "due": gettext_lazy("not yet held"),
    "not_started": gettext_lazy("not started"),
}


def _may_review_anything(user) -> bool:
    return scoping.scope_for(user).may_review_any


@login_required
def report_list(request):
    filters = ReportListFilter(request.GET or None)
    state = kind = None
    if filters.is_valid():
        state = filters.cleaned_data["state"] or None
        kind = filters.cleaned_data["kind"] or None
    page = Paginator(my_reports_for(request.user, state, kind=kind), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    organizations = list(reporting_organizations_for(request.user).only("pk")[:1])
    summary_form = SummaryForm(
        user=request.user,
        initial={
            "kind": ReportKind.MONTHLY,
            "period": default_period(ReportKind.MONTHLY),
            "organization": organizations[0].pk if organizations else None,
        },
    )
    return render(
        request,
        "activities/reports/report_list.html",
        {
            "page": page,
            "query": query_without_page(request),
            "filters": filters,
            "summary_form": summary_form,
            "may_report": bool(organizations),
            "may_review": _may_review_anything(request.user),
        },
    )


def _existing(request, report: Report | None):
    if report is None:
        return None
    messages.info(request, _("This report already exists."))
    return redirect("activities:report_detail", pk=report.pk)


def _create_for_activity(request, pk):
    activity = get_activity_to_report(request.user, pk)
    existing = _existing(request, report_of_activity(activity))
    if existing:
        return existing
    if not scoping.can_manage_organization(request.user, activity.organization):
        raise PermissionDenied
    errors = []
    if request.method == "POST":
        try:
            report = services.report_create_for_activity(user=request.user, activity=activity)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Report created. Submit it when it is complete."))
            return redirect("activities:report_detail", pk=report.pk)
    return render(
        request,
        "activities/reports/report_create.html",
        {
            "activity": activity,
            "counts": attendance_counts([activity.pk]).get(activity.pk),
            "reviewing_organization": activity.organization.parent,
            "errors": errors,
        },
    )


def _create_summary(request, params):
    organization = scoping.get_organization_for_user(request.user, params.get("organization"))
    if not scoping.can_manage_organization(request.user, organization):
        raise PermissionDenied
    form = SummaryForm(params, user=request.user)
    context = {"form": form, "organization": organization, "errors": []}
    if organization.parent_id is None:
        context["errors"].append(
            _("%(organization)s has no higher organization to report to.")
            % {"organization": organization.name}
        )
        return render(request, "activities/reports/report_create.html", context)
    if form.is_valid():
        data = form.cleaned_data
        existing = _existing(
            request,
            summary_report(organization, data["kind"], data["period_start"]),
        )
        if existing:
            return existing
        if request.method == "POST":
            try:
                report = services.report_create_summary(
                    user=request.user,
                    organization=data["organization"],
                    kind=data["kind"],
                    period_start=data["period_start"],
                )
            except ValidationError as error:
                context["errors"] = error.messages
            else:
                messages.success(request, _("Summary created. Submit it when the period is over."))
                return redirect("activities:report_detail", pk=report.pk)
        context["reviewing_organization"] = organization.parent
        context["kind_label"] = ReportKind(data["kind"]).label
        context["period"] = data["period"]
        if data["period_start"] > timezone.localdate():
            if request.method != "POST":  # on a POST the service has said so
                context["errors"].append(
                    _("This period has not started: a summary can be drafted from %(day)s.")
                    % {"day": data["period_start"].isoformat()}
                )
        else:
            summary = services.summary_figures(organization, data["kind"], data["period_start"])
            context["summary"] = _summary_display(summary)
    return render(request, "activities/reports/report_create.html", context)


@login_required
def report_create_view(request):
    """GET shows what will be created; POST creates it. ``?activity=pk`` for an activity,
    ``?organization=&kind=&period=`` for a summary."""
    params = request.POST if request.method == "POST" else request.GET
    if params.get("activity"):
        return _create_for_activity(request, params.get("activity"))
    if params.get("organization"):
        return _create_summary(request, params)
    if not reporting_organizations_for(request.user).exists():
        raise PermissionDenied
    form = SummaryForm(
        user=request.user,
        initial={"kind": ReportKind.MONTHLY, "period": default_period(ReportKind.MONTHLY)},
    )
    return render(request, "activities/reports/report_create.html", {"form": form, "errors": []})


def _summary_display(summary: dict) -> dict:
    """The stored figures with the activity types' labels in the reader's language."""
    type_ids = {row["type_id"] for row in summary.get("by_type", [])}
    type_ids |= {row["type_id"] for row in summary.get("required", [])}
    types = activity_types_by_id(type_ids)

    def label(row):
        activity_type = types.get(row["type_id"])
        return activity_type.label if activity_type else row.get("name", "")

    attendance = summary.get("attendance", {})
    rate = attendance.get("rate")
    return {
        **summary,
        "by_type": [{**row, "label": label(row)} for row in summary.get("by_type", [])],
        "required": [
            {
                **row,
                "label": label(row),
                "state_label": STATE_LABELS.get(row["state"], row["state"]),
                "secretary": row.get("requirement") == "secretary_lesson",
            }
            for row in summary.get("required", [])
        ],
        "rate_percent": None if rate is None else round(rate * 100, 1),
    }


@login_required
def report_detail(request, pk: int):
    report = get_report_for_user(request.user, pk)
    actions = services.available_actions(request.user, report)
    context = {
        "report": report,
        "events": list(report.events.all()),
        "actions": actions,
        "review_form": ReviewForm() if actions & {services.APPROVE, services.RETURN} else None,
        "changes": change_history(report),
    }
    if report.kind == ReportKind.ACTIVITY:
        activity = reported_activity(report)
        context["activity"] = activity
        context["counts"] = attendance_counts([activity.pk]).get(activity.pk)
        context["attendance"] = attendance_of(activity)
    else:
        context["summary"] = _summary_display(report.summary or {})
    return render(request, "activities/reports/report_detail.html", context)


@login_required
def report_edit_view(request, pk: int):
    report = get_report_for_user(request.user, pk)
    if not services.may_act_for_organization(request.user, report):
        raise PermissionDenied
    try:
        services.check_editable(report)
    except ValidationError as error:
        message_errors(request, error)
        return redirect("activities:report_detail", pk=report.pk)
    form = RemarksForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update(
                user=request.user,
                report=report,
                remarks=form.cleaned_data["remarks"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Report saved."))
            return redirect("activities:report_detail", pk=report.pk)
    return render(request, "activities/reports/report_form.html", {"form": form, "report": report})


def _step(request, pk: int, service, success: str, **kwargs):
    report = get_report_for_user(request.user, pk)
    try:
        service(user=request.user, report=report, **kwargs)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, success)
    return redirect("activities:report_detail", pk=report.pk)


@login_required
@require_POST
def report_submit_view(request, pk: int):
    return _step(request, pk, services.report_submit, _("Report submitted."))


@login_required
@require_POST
def report_resubmit_view(request, pk: int):
    return _step(request, pk, services.report_resubmit, _("Report submitted again."))


def _review(request, pk: int, service, success: str):
    form = ReviewForm(request.POST)
    form.is_valid()
    return _step(request, pk, service, success, comments=form.cleaned_data.get("comments", ""))


@login_required
@require_POST
def report_approve_view(request, pk: int):
    return _review(request, pk, services.report_approve, _("Report approved."))


@login_required
@require_POST
def report_return_view(request, pk: int):
    return _review(request, pk, services.report_return, _("Report returned with your comments."))


@login_required
def review_queue(request):
    form = ReviewQueueFilter(request.GET or None, user=request.user)
    filters = form.filters() if form.is_bound and form.is_valid() else {}
    page = Paginator(review_queue_for(request.user, **filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "activities/reports/review_queue.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "waiting_days": value(rules.REPORT_WAITING_DAYS),
            "may_review": _may_review_anything(request.user),
        },
    )

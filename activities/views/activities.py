"""Activity pages: the list, recording and changing an activity with the roll, its page, and
its attachments. Outsiders get 404, those who may read but not change 403."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from activities.attendance import AttendanceCounts, attendance_counts
from activities.excel import export_ledger
from activities.filters import ActivityFilter
from activities.forms.activities import ActivityRecordForm, attendance_from
from activities.models import ActivityStatus, AttendanceStatus, ReportState
from activities.selectors.activities import (
    activity_attachments,
    activity_attendance,
    activity_list_for,
    get_activity_for_user,
    get_attachment_for_user,
    organization_of,
    recordable_organizations_for,
    roll_call,
    with_attendance_counts,
)
from activities.selectors.reports import report_of_activity
from activities.services import activities as services
from activities.views import query_without_page
from config.forms import add_service_errors
from organizations import scoping
from organizations.models import Organization

PAGE_SIZE = 30
FORM_TEMPLATE = "activities/activity_form.html"
DEPENDENT_FIELDS = ("organization", "status", "held_on", "activity_type")


def _attendance_buttons():
    return [
        (AttendanceStatus.PRESENT.value, _("present"), "success"),
        (AttendanceStatus.LEAVE.value, _("with leave"), "warning"),
        (AttendanceStatus.ABSENT.value, _("without leave"), "danger"),
    ]


def _may_record(user) -> bool:
    return recordable_organizations_for(user).exists()


def _filtered_activities(request):
    filterset = ActivityFilter(request.GET or None, user=request.user)
    filters = filterset.form.cleaned_data if filterset.is_bound and filterset.is_valid() else {}
    qs = activity_list_for(
        request.user, **{k: v for k, v in filters.items() if v not in ("", None)}
    )
    return filterset, qs


@login_required
def activity_list(request):
    filterset, qs = _filtered_activities(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_attendance_counts(page.object_list)
    states = dict(ReportState.choices)
    for activity in page.object_list:
        activity.report_state_label = states.get(activity.report_state, "")
    return render(
        request,
        "activities/activity_list.html",
        {
            "page": page,
            "filter": filterset,
            "query": query_without_page(request),
            "may_record": _may_record(request.user),
        },
    )


@login_required
def activity_export(request):
    """The activity list with the list page's filters, as the activity ledger (.xlsx)."""
    if scoping.scope_for(request.user).is_empty:
        raise PermissionDenied
    _filterset, qs = _filtered_activities(request)
    return export_ledger(qs)


# Recording and changing


def _organization_from(source, organizations, *, strict: bool) -> Organization | None:
    pk = source.get("organization")
    if not pk:
        return organizations.first()
    try:
        return organizations.get(pk=pk)
    except (Organization.DoesNotExist, ValueError, TypeError) as exc:
        if strict:
            raise Http404 from exc
        return None


def _day(source, default: datetime.date) -> datetime.date:
    try:
        return parse_date(source.get("held_on") or "") or default
    except ValueError:
        return default


def _initial_from(source, form_fields) -> dict:
    return {name: source.get(name) for name in form_fields if source.get(name) not in (None, "")}


def _roll(form, organization, source, *, status, day, recorded=()) -> list[dict]:
    """The roll shown under the form, with what was chosen kept (re-rendered or refused)."""
    if organization is None or status != ActivityStatus.HELD or day > timezone.localdate():
        return []
    chosen = form.chosen_type()
    rows = roll_call(organization, day, recorded)
    for row in rows:
        pk = row["member"].pk
        default = AttendanceStatus.LEAVE if row["away"] else AttendanceStatus.PRESENT
        sent = source.get(f"att-{pk}")
        row["status"] = sent if sent in AttendanceStatus.values else row["status"] or default
        if chosen is not None and chosen.is_service:
            sent_hours = source.get(f"hours-{pk}")
            row["hours"] = sent_hours if sent_hours is not None else row["hours"] or ""
    return rows


def _render_form(request, form, organization, source, *, activity=None, attendance_errors=()):
    status = source.get("status") or (activity.status if activity else ActivityStatus.HELD)
    day = _day(source, activity.held_on if activity else timezone.localdate())
    recorded = list(activity.attendance.all()) if activity is not None else []
    chosen = form.chosen_type()
    form_url = request.path
    for name in DEPENDENT_FIELDS:
        form.fields[name].widget.attrs.update(
            {
                "hx-get": form_url,
                "hx-trigger": "change",
                "hx-target": "#activity-dependent",
                "hx-select": "#activity-dependent",
                "hx-select-oob": "#activity-roll",
                "hx-swap": "outerHTML",
                "hx-include": "#activity-form [name=organization], #id_status, #id_held_on, "
                "#activity-dependent, #activity-roll",
            }
        )
    return render(
        request,
        FORM_TEMPLATE,
        {
            "form": form,
            "activity": activity,
            "organization": organization,
            "chosen_type": chosen,
            "show_speaker": bool(chosen and chosen.has_speaker),
            "show_service": bool(chosen and chosen.is_service),
            "status": status,
            "day": day,
            "future": day > timezone.localdate(),
            "roll": _roll(form, organization, source, status=status, day=day, recorded=recorded),
            "attendance_errors": attendance_errors,
            "statuses": _attendance_buttons(),
        },
    )


def _attendance_sent(request, form) -> list[dict]:
    if form.cleaned_data.get("status") != ActivityStatus.HELD:
        return []
    activity_type = form.cleaned_data.get("activity_type")
    return attendance_from(request.POST, hours=bool(activity_type and activity_type.is_service))


def _save(request, form, save, success: str):
    """Run the service: on success, a message and the activity's page; on a refusal, the
    messages on the form and those about the attendance returned for the roll."""
    try:
        activity = save()
    except ValidationError as error:
        return None, add_service_errors(form, error, keep=("attendance",)).get("attendance", [])
    messages.success(request, success)
    return redirect("activities:activity_detail", pk=activity.pk), []


@login_required
def activity_create(request):
    organizations = recordable_organizations_for(request.user)
    if not organizations.exists():
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    organization = _organization_from(source, organizations, strict=request.method != "POST")
    kwargs = {"organizations": organizations, "organization": organization}
    attendance_errors: list[str] = []
    if request.method == "POST":
        form = ActivityRecordForm(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            done, attendance_errors = _save(
                request,
                form,
                lambda: services.activity_record(
                    user=request.user,
                    organization=form.cleaned_data["organization"],
                    data=form.activity_data(),
                    attendance=_attendance_sent(request, form),
                    attachments=form.cleaned_data["attachments"],
                ),
                _("Activity recorded."),
            )
            if done:
                return done
    else:
        initial = {"status": ActivityStatus.HELD, "held_on": timezone.localdate()}
        initial.update(_initial_from(source, ActivityRecordForm.Meta.fields))
        initial["organization"] = organization
        form = ActivityRecordForm(initial=initial, **kwargs)
    return _render_form(request, form, organization, source, attendance_errors=attendance_errors)


def _activity_to_change(request, pk):
    activity = get_activity_for_user(request.user, pk)
    if not scoping.can_manage_organization(request.user, activity.organization):
        raise PermissionDenied
    return activity


def _locked_message(activity) -> str | None:
    if activity.status == ActivityStatus.CANCELLED:
        return _("A cancelled activity is kept as it was; record a new one.")
    try:
        services.refuse_if_reported(activity)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


@login_required
def activity_edit(request, pk: int):
    activity = _activity_to_change(request, pk)
    locked = _locked_message(activity)
    if locked:
        messages.error(request, locked)
        return redirect("activities:activity_detail", pk=activity.pk)
    organization = activity.organization
    source = request.POST if request.method == "POST" else request.GET
    kwargs = {
        "instance": activity,
        "organizations": organization_of(activity),
        "organization": organization,
        "editing": True,
    }
    attendance_errors: list[str] = []
    if request.method == "POST":
        form = ActivityRecordForm(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            done, attendance_errors = _save(
                request,
                form,
                lambda: services.activity_update(
                    user=request.user,
                    activity=activity,
                    data=form.activity_data(),
                    attendance=_attendance_sent(request, form),
                    attachments=form.cleaned_data["attachments"],
                ),
                _("Activity saved."),
            )
            if done:
                return done
    else:
        fields = [f for f in ActivityRecordForm.Meta.fields if f != "organization"]
        form = ActivityRecordForm(initial=_initial_from(source, fields), **kwargs)
    return _render_form(
        request,
        form,
        organization,
        source,
        activity=activity,
        attendance_errors=attendance_errors,
    )


# The activity's page


@login_required
def activity_detail(request, pk: int):
    activity = get_activity_for_user(request.user, pk)
    attendance = activity_attendance(activity)
    counts = attendance_counts([activity.pk]).get(activity.pk, AttendanceCounts())
    report = report_of_activity(activity)
    can_manage = scoping.can_manage_organization(request.user, activity.organization)
    locked = _locked_message(activity)
    today = timezone.localdate()
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "attendance": attendance,
            "counts": counts,
            "attachments": activity_attachments(activity),
            "report": report,
            "may_report": can_manage and report is None and activity.status == ActivityStatus.HELD,
            "can_manage": can_manage,
            "editable": can_manage and not locked,
            "locked": locked,
            "may_mark_held": can_manage
            and not locked
            and activity.status == ActivityStatus.PLANNED
            and activity.held_on <= today,
            "may_cancel": can_manage and not locked and activity.status == ActivityStatus.PLANNED,
        },
    )


@login_required
@require_POST
def activity_cancel(request, pk: int):
    activity = _activity_to_change(request, pk)
    try:
        services.activity_cancel(user=request.user, activity=activity)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("The planned activity is cancelled."))
    return redirect("activities:activity_detail", pk=activity.pk)


# Attachments


@login_required
@require_POST
def attachment_add(request, pk: int):
    activity = _activity_to_change(request, pk)
    try:
        added = services.attachments_add(
            user=request.user,
            activity=activity,
            files=request.FILES.getlist("attachments"),
            caption=request.POST.get("caption", ""),
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("%(count)s attachments added.") % {"count": len(added)})
    return redirect("activities:activity_detail", pk=activity.pk)


@login_required
def attachment_download(request, pk: int):
    """The file, to those who see its activity: inline (``?download=1``: as a download)."""
    attachment = get_attachment_for_user(request.user, pk)
    try:
        handle = default_storage.open(attachment.file.name, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        content_type=attachment.content_type,
        as_attachment=request.GET.get("download") == "1",
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def attachment_delete(request, pk: int):
    attachment = get_attachment_for_user(request.user, pk)
    activity = attachment.activity
    if not scoping.can_manage_organization(request.user, activity.organization):
        raise PermissionDenied
    try:
        services.attachment_delete(user=request.user, attachment=attachment)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Attachment removed."))
    return redirect("activities:activity_detail", pk=activity.pk)

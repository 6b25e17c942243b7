"""The democratic appraisal pages: the appraisals in the user's scope with the form opening
one; an appraisal's page with its list (self-assessment, mutual appraisal counts and grade,
editable while open by those who manage the branch), the decision of the branch general
meeting, the level above's confirmation and the follow-ups of members graded failing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment.forms.appraisals import AppraisalOpenForm, DecideForm, EntryForm, FollowUpForm
from assessment.models import AppraisalState
from assessment.selectors.appraisals import (
    appraisal_entries,
    appraisal_grades,
    get_appraisal_for_user,
    get_follow_up_for_user,
    may_confirm_appraisal,
    may_manage_appraisal,
    missing_members,
    openable_branches_for,
    visible_appraisals_for,
)
from assessment.services.appraisals import (
    EXCELLENT_CAP_PERCENT,
    appraisal_confirm,
    appraisal_decide,
    appraisal_open,
    appraisal_sync_list,
    entries_record,
    follow_up_record,
)
from config.forms import add_service_errors
from policies.registry import value


def _open_form(request, data=None) -> AppraisalOpenForm | None:
    branches = openable_branches_for(request.user)
    if data is None and not branches.exists():
        return None
    return AppraisalOpenForm(data, branches=branches, cap=value(EXCELLENT_CAP_PERCENT) or None)


def _list_page(request, form=None):
    return render(
        request,
        "assessment/appraisal_list.html",
        {
            "appraisals": list(visible_appraisals_for(request.user)),
            "form": form if form is not None else _open_form(request),
        },
    )


@login_required
def appraisal_list(request):
    return _list_page(request)


@login_required
@require_POST
def appraisal_open_view(request):
    form = _open_form(request, request.POST)
    if form.is_valid():
        try:
            appraisal = appraisal_open(
                user=request.user,
                organization=form.cleaned_data["organization"],
                year=form.cleaned_data["year"],
                excellent_cap_percent=form.cleaned_data["excellent_cap_percent"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Appraisal opened with the members on the roll."))
            return redirect("assessment:appraisal_detail", pk=appraisal.pk)
    return _list_page(request, form)


def _entry_forms(appraisal, entries, grades, data=None) -> list[EntryForm]:
    return [EntryForm(data, entry=entry, grades=grades) for entry in entries]


def _detail_page(request, appraisal, *, entry_forms=None, decide_form=None, follow_up_form=None):
    manage = may_manage_appraisal(request.user, appraisal)
    entries = list(appraisal_entries(appraisal))
    editable = manage and appraisal.state == AppraisalState.OPEN
    if editable and entry_forms is None:
        entry_forms = _entry_forms(appraisal, entries, appraisal_grades())
    forms_by_entry = {form.entry.pk: form for form in entry_forms or []}
    follow_up_forms = {}
    if manage:
        for entry in entries:
            follow_up = getattr(entry, "follow_up", None)
            if follow_up is None or follow_up.is_closed:
                continue
            if follow_up_form is not None and follow_up_form.follow_up.pk == follow_up.pk:
                follow_up_forms[entry.pk] = follow_up_form
            else:
                follow_up_forms[entry.pk] = FollowUpForm(
                    follow_up=follow_up,
                    initial={
                        "measures": follow_up.measures,
                        "deadline": follow_up.deadline,
                        "outcome": follow_up.outcome,
                    },
                )
    rows = [
        (entry, forms_by_entry.get(entry.pk), follow_up_forms.get(entry.pk)) for entry in entries
    ]
    return render(
        request,
        "assessment/appraisal_detail.html",
        {
            "appraisal": appraisal,
            "rows": rows,
            "editable": editable,
            "missing": missing_members(appraisal) if editable else [],
            "entry_errors": [e for form in entry_forms or [] for e in _errors_of(form)],
            "decide_form": decide_form or (DecideForm() if editable else None),
            "may_confirm": appraisal.state == AppraisalState.DECIDED
            and may_confirm_appraisal(request.user, appraisal),
        },
    )


def _errors_of(form) -> list[str]:
    name = form.entry.member.name
    return [f"{name}: {e}" for field in form.errors.values() for e in field]


@login_required
def appraisal_detail(request, pk: int):
    return _detail_page(request, get_appraisal_for_user(request.user, pk))


def _manageable(request, pk: int):
    appraisal = get_appraisal_for_user(request.user, pk)
    if not may_manage_appraisal(request.user, appraisal):
        raise PermissionDenied
    return appraisal


@login_required
@require_POST
def appraisal_entries_save(request, pk: int):
    appraisal = _manageable(request, pk)
    entries = list(appraisal_entries(appraisal))
    forms = _entry_forms(appraisal, entries, appraisal_grades(), request.POST)
    if all(form.is_valid() for form in forms):
        try:
            entries_record(
                user=request.user,
                appraisal=appraisal,
                rows={form.entry.pk: form.row() for form in forms},
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The list is saved."))
            return redirect("assessment:appraisal_detail", pk=appraisal.pk)
    return _detail_page(request, appraisal, entry_forms=forms)


@login_required
@require_POST
def appraisal_sync(request, pk: int):
    appraisal = _manageable(request, pk)
    try:
        added, removed = appraisal_sync_list(user=request.user, appraisal=appraisal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(added)s members added to the list, %(removed)s taken off.")
            % {"added": added, "removed": removed},
        )
    return redirect("assessment:appraisal_detail", pk=appraisal.pk)


@login_required
@require_POST
def appraisal_decide_view(request, pk: int):
    appraisal = _manageable(request, pk)
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            appraisal_decide(
                user=request.user,
                appraisal=appraisal,
                meeting_date=form.cleaned_data["meeting_date"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The grades are decided."))
            return redirect("assessment:appraisal_detail", pk=appraisal.pk)
    return _detail_page(request, appraisal, decide_form=form)


@login_required
@require_POST
def appraisal_confirm_view(request, pk: int):
    appraisal = get_appraisal_for_user(request.user, pk)
    try:
        appraisal_confirm(user=request.user, appraisal=appraisal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The appraisal is confirmed."))
    return redirect("assessment:appraisal_detail", pk=appraisal.pk)


@login_required
@require_POST
def follow_up(request, pk: int):
    found = get_follow_up_for_user(request.user, pk)
    appraisal = get_appraisal_for_user(request.user, found.entry.appraisal_id)
    if not may_manage_appraisal(request.user, appraisal):
        raise PermissionDenied
    form = FollowUpForm(request.POST, follow_up=found)
    if form.is_valid():
        try:
            follow_up_record(user=request.user, follow_up=found, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The follow-up is recorded."))
            return redirect("assessment:appraisal_detail", pk=appraisal.pk)
    return _detail_page(request, appraisal, follow_up_form=form)

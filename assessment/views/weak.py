"""Weak and lax organizations: the flags in the reader's scope with their reasons and states,
a flag's page (reasons, decisions, the rectification plan and its measures) with the forms of
the level above (confirm, dismiss, sign off) and of the branch (the plan, its measures, the
evidence), and the button by which a street's staff run the detection now."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment.forms.weak import DismissForm, DoneForm, ItemForm, PlanForm
from assessment.models import FlagState
from assessment.selectors.schemes import street_committees_managed_by
from assessment.selectors.weak_flags import (
    flag_list_for,
    get_flag_for_user,
    get_item_for_user,
    may_decide,
    may_plan,
    owner_choices,
    reasons_of,
)
from assessment.services.weak import (
    rectification_item_add,
    rectification_item_done,
    rectification_item_edit,
    rectification_plan_save,
    weak_flag_confirm,
    weak_flag_dismiss,
    weak_flag_sign_off,
    weak_flags_refresh,
)
from config.forms import add_service_errors


@login_required
def weak_list(request):
    flags = flag_list_for(request.user)
    state = request.GET.get("state", "")
    if state in FlagState.values:
        flags = flags.filter(state=state)
    rows = [(flag, reasons_of(flag)) for flag in flags]
    return render(
        request,
        "assessment/weak_list.html",
        {
            "rows": rows,
            "states": FlagState.choices,
            "state": state,
            "may_refresh": street_committees_managed_by(request.user).exists(),
        },
    )


@login_required
@require_POST
def weak_refresh(request):
    new = sum(
        len(weak_flags_refresh(street)) for street in street_committees_managed_by(request.user)
    )
    messages.success(request, _("Detection done: %(count)s new flags.") % {"count": new})
    return redirect("assessment:weak_list")


def _detail(request, flag, **bound):
    plan = getattr(flag, "plan", None)
    items = list(plan.items.all()) if plan else []
    planning = flag.state == FlagState.CONFIRMED and may_plan(request.user, flag)
    done_forms, edit_forms = {}, {}
    if planning:
        owners = owner_choices(flag)
        for item in items:
            if not item.is_done:
                done_forms[item.pk] = DoneForm(prefix=f"d{item.pk}")
                edit_forms[item.pk] = ItemForm(
                    prefix=f"e{item.pk}", owners=owners, initial=_item_initial(item)
                )
        if "done_item" in bound:
            done_forms[bound["done_item"]] = bound["done_form"]
        if "edit_item" in bound:
            edit_forms[bound["edit_item"]] = bound["edit_form"]
    context = {
        "flag": flag,
        "reasons": reasons_of(flag),
        "plan": plan,
        "items": [(item, done_forms.get(item.pk), edit_forms.get(item.pk)) for item in items],
        "may_decide": may_decide(request.user, flag),
        "planning": planning,
        "dismiss_form": bound.get("dismiss_form") or DismissForm(),
        "plan_form": bound.get("plan_form")
        or PlanForm(initial={"summary": getattr(plan, "summary", "")}),
        "item_form": bound.get("item_form")
        or (ItemForm(owners=owner_choices(flag)) if planning else None),
        "sign_off_errors": bound.get("sign_off_errors", []),
    }
    return render(request, "assessment/weak_detail.html", context, status=400 if bound else 200)


def _item_initial(item) -> dict:
    return {
        "text": item.text,
        "owner": item.owner_id,
        "owner_name": item.owner_name,
        "deadline": item.deadline,
    }


def _done(request, flag, text):
    messages.success(request, text)
    return redirect("assessment:weak_detail", pk=flag.pk)


@login_required
def weak_detail(request, pk: int):
    return _detail(request, get_flag_for_user(request.user, pk))


@login_required
@require_POST
def weak_confirm(request, pk: int):
    flag = get_flag_for_user(request.user, pk)
    try:
        weak_flag_confirm(user=request.user, flag=flag)
    except ValidationError as error:
        return _detail(request, flag, sign_off_errors=error.messages)
    return _done(request, flag, _("The flag is confirmed: draw up the rectification plan."))


@login_required
@require_POST
def weak_dismiss(request, pk: int):
    flag = get_flag_for_user(request.user, pk)
    form = DismissForm(request.POST)
    if form.is_valid():
        try:
            weak_flag_dismiss(
                user=request.user, flag=flag, reason=form.cleaned_data["dismissal_reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, flag, _("The flag is dismissed."))
    return _detail(request, flag, dismiss_form=form)


@login_required
@require_POST
def weak_plan(request, pk: int):
    flag = get_flag_for_user(request.user, pk)
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            rectification_plan_save(
                user=request.user, flag=flag, summary=form.cleaned_data["summary"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, flag, _("The rectification plan is saved."))
    return _detail(request, flag, plan_form=form)


@login_required
@require_POST
def weak_item_add(request, pk: int):
    flag = get_flag_for_user(request.user, pk)
    form = ItemForm(request.POST, owners=owner_choices(flag))
    if form.is_valid():
        try:
            plan = getattr(flag, "plan", None) or rectification_plan_save(
                user=request.user, flag=flag
            )
            rectification_item_add(user=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, flag, _("The measure is added to the plan."))
    return _detail(request, flag, item_form=form)


@login_required
@require_POST
def weak_item_edit(request, pk: int, item: int):
    flag = get_flag_for_user(request.user, pk)
    item = get_item_for_user(request.user, flag, item)
    form = ItemForm(request.POST, prefix=f"e{item.pk}", owners=owner_choices(flag))
    if form.is_valid():
        try:
            rectification_item_edit(user=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, flag, _("The measure is changed."))
    return _detail(request, flag, edit_item=item.pk, edit_form=form)


@login_required
@require_POST
def weak_item_done(request, pk: int, item: int):
    flag = get_flag_for_user(request.user, pk)
    item = get_item_for_user(request.user, flag, item)
    form = DoneForm(request.POST, prefix=f"d{item.pk}")
    if form.is_valid():
        try:
            rectification_item_done(
                user=request.user, item=item, evidence=form.cleaned_data["evidence"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, flag, _("The measure is marked done."))
    return _detail(request, flag, done_item=item.pk, done_form=form)


@login_required
@require_POST
def weak_sign_off(request, pk: int):
    flag = get_flag_for_user(request.user, pk)
    try:
        weak_flag_sign_off(user=request.user, flag=flag)
    except ValidationError as error:
        return _detail(request, flag, sign_off_errors=error.messages)
    return _done(request, flag, _("The rectification is signed off."))

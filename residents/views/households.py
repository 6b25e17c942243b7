"""Households and pairing assistance pages: the households in need of the user's grid cells
(filtered by cell and category), a household's page (its residents in need, pairings and
visits), a pairing's page, and the forms that add a household, a resident, a pairing and a
visit, and those that change a household, a resident or a pairing (or end it) and delete an
empty household. ID numbers and phones are shown masked; "show in full" unmasks them for those
who may see them (residents.services.access) and is logged, like the resident's edit form,
which shows them in full."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.privacy import mask_id_number, mask_phone
from config.forms import add_service_errors
from residents.forms.households import (
    HouseholdFilterForm,
    HouseholdForm,
    PairingForm,
    ResidentForm,
    VisitForm,
)
from residents.selectors.households import (
    get_household_for_user,
    get_pairing_for_user,
    get_resident_for_user,
    household_search_for,
    households_in_need_for,
    pairings_of,
    residents_of,
    visits_of,
)
from residents.services.access import (
    Channel,
    may_see_resident_in_full,
    may_see_residents_in_full,
    resident_reveal,
)
from residents.services.households import household_delete, household_save, resident_save
from residents.services.pairing import pairing_save, visit_record


@login_required
def household_list(request):
    form = HouseholdFilterForm(request.GET or None, user=request.user)
    cell = category = None
    if form.is_bound and form.is_valid():
        cell, category = form.cleaned_data["grid_cell"], form.cleaned_data["category"]
    households = households_in_need_for(request.user, grid_cell=cell, category=category)
    return render(
        request, "residents/household_list.html", {"form": form, "households": households}
    )


def _masked(residents, may_see_in_full: bool):
    for resident in residents:
        resident.masked_id = mask_id_number(resident.id_number)
        resident.masked_phone = mask_phone(resident.phone)
        resident.may_reveal = may_see_in_full
        yield resident


@login_required
def household_detail(request, pk):
    household = get_household_for_user(request.user, pk)
    may_reveal = may_see_residents_in_full(request.user, household)
    return render(
        request,
        "residents/household_detail.html",
        {
            "household": household,
            "residents": list(_masked(residents_of(household), may_reveal)),
            "pairings": pairings_of(household),
        },
    )


def _form_page(request, form, title, back):
    return render(request, "residents/form.html", {"form": form, "title": title, "back": back})


@login_required
def household_add(request):
    form = HouseholdForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            household = household_save(user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The household is recorded."))
            return redirect("residents:household_detail", household.pk)
    return _form_page(request, form, _("New household"), "residents:household_list")


@login_required
def resident_add(request, pk):
    household = get_household_for_user(request.user, pk)
    form = ResidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        categories = data.pop("categories")
        try:
            resident_save(user=request.user, household=household, data=data, categories=categories)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The resident in need is registered."))
            return redirect("residents:household_detail", household.pk)
    title = _("New resident in need: %(household)s") % {"household": household.address}
    return _form_page(request, form, title, "residents:household_list")


@login_required
def pairing_add(request, pk):
    household = get_household_for_user(request.user, pk)
    form = PairingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            pairing = pairing_save(user=request.user, household=household, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The pairing is recorded."))
            return redirect("residents:pairing_detail", pairing.pk)
    title = _("New pairing: %(household)s") % {"household": household.address}
    return _form_page(request, form, title, "residents:household_list")


@login_required
def pairing_detail(request, pk):
    pairing = get_pairing_for_user(request.user, pk)
    return render(
        request,
        "residents/pairing_detail.html",
        {"pairing": pairing, "visits": visits_of(pairing)},
    )


@login_required
def visit_add(request, pk):
    pairing = get_pairing_for_user(request.user, pk)
    form = VisitForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            visit_record(user=request.user, pairing=pairing, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The visit is recorded."))
            return redirect("residents:pairing_detail", pairing.pk)
    title = _("New visit: %(household)s") % {"household": pairing.household.address}
    return _form_page(request, form, title, "residents:household_list")


@login_required
def household_edit(request, pk):
    household = get_household_for_user(request.user, pk)
    # the form fills its own copy: the service compares the household's old cell with the new
    form = HouseholdForm(
        request.POST or None, instance=get_household_for_user(request.user, pk), user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            household_save(user=request.user, household=household, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("residents:household_detail", household.pk)
    title = _("Change the household: %(household)s") % {"household": household.address}
    return _form_page(request, form, title, "residents:household_list")


@login_required
@require_POST
def household_remove(request, pk):
    household = get_household_for_user(request.user, pk)
    try:
        household_delete(user=request.user, household=household)
    except ValidationError as exc:
        for texts in exc.message_dict.values():
            for text in texts:
                messages.error(request, text)
        return redirect("residents:household_detail", household.pk)
    messages.success(request, _("The household is deleted."))
    return redirect("residents:household_list")


@login_required
def resident_edit(request, pk):
    resident = get_resident_for_user(request.user, pk)
    # the form shows the ID number and phone in full: only for those who may see them, logged
    if not may_see_resident_in_full(request.user, resident):
        raise PermissionDenied
    form = ResidentForm(request.POST or None, instance=get_resident_for_user(request.user, pk))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        categories = data.pop("categories")
        try:
            resident_save(user=request.user, resident=resident, data=data, categories=categories)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("residents:household_detail", resident.household_id)
    elif request.method != "POST":
        resident_reveal(user=request.user, resident=resident, channel=Channel.PAGE)
    title = _("Change the resident in need: %(name)s") % {"name": resident.name}
    return _form_page(request, form, title, "residents:household_list")


@login_required
@require_POST
def resident_show(request, pk):
    resident = get_resident_for_user(request.user, pk)
    revealed = resident_reveal(user=request.user, resident=resident, channel=Channel.PAGE)
    return render(request, "residents/revealed.html", {"revealed": revealed})


@login_required
def pairing_edit(request, pk):
    pairing = get_pairing_for_user(request.user, pk)
    form = PairingForm(
        request.POST or None, instance=get_pairing_for_user(request.user, pk), user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            pairing_save(user=request.user, pairing=pairing, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("residents:pairing_detail", pairing.pk)
    title = _("Change the pairing: %(household)s") % {"household": pairing.household.address}
    return _form_page(request, form, title, "residents:household_list")


@login_required
def household_search(request):
    """The search box of a household choice beyond the select limit (JSON)."""
    return JsonResponse({"results": household_search_for(request.user, request.GET.get("q", ""))})

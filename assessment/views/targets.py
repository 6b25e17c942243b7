"""Responsibility letters: the list of the letters in the reader's scope with how far each
has come (done / all, overdue), a letter with its targets, and the forms that issue a
letter, set its targets, record its signing, mark targets done with evidence and close it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment.forms.targets import DoneForm, ItemForm, LetterForm, SignForm
from assessment.selectors.targets import (
    cadre_posts_for,
    get_item_for_user,
    get_letter_for_user,
    issuing_levels,
    letter_items,
    letter_rights,
    letters_for,
    organizations_to_issue_to,
    owner_choices,
)
from assessment.services import targets as services
from config.forms import add_service_errors
from organizations.filters import FIRST_YEAR, LAST_YEAR


def _year(request) -> int | None:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return None
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


@login_required
def letter_list(request):
    year = _year(request)
    today = timezone.localdate()
    return render(
        request,
        "assessment/letter_list.html",
        {
            "letters": list(letters_for(request.user, today, year=year)),
            "year": year,
            "may_issue": issuing_levels(request.user).exists(),
        },
    )


def _letter_form(request, data=None) -> LetterForm:
    year = _year(request) or timezone.localdate().year
    return LetterForm(
        data,
        organizations=organizations_to_issue_to(request.user),
        posts=cadre_posts_for(request.user, year),
        initial={"year": year},
    )


@login_required
def letter_create(request):
    form = _letter_form(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.letter_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Letter %(title)s set up.") % {"title": letter.title})
            return redirect("assessment:letter_detail", pk=letter.pk)
    return render(request, "assessment/letter_form.html", {"form": form})


def _detail_page(request, letter, *, item_form=None, sign_form=None, bound_done=None):
    rights = letter_rights(request.user, letter)
    today = timezone.localdate()
    rows = []
    for item in letter_items(letter):
        form = None
        if bound_done is not None and bound_done.item.pk == item.pk:
            form = bound_done
        elif (
            letter.is_signed
            and not item.is_done
            and (rights.may_answer or item.owner_id == request.user.pk)
        ):
            form = DoneForm(item=item, initial={"evidence": item.evidence})
        rows.append({"item": item, "overdue": item.is_overdue(today), "done_form": form})
    if rights.may_edit and item_form is None:
        item_form = ItemForm(owners=owner_choices(letter))
    if rights.may_sign and sign_form is None:
        sign_form = SignForm(initial={"signed_on": today})
    return render(
        request,
        "assessment/letter_detail.html",
        {
            "letter": letter,
            "rows": rows,
            "rights": rights,
            "item_form": item_form,
            "sign_form": sign_form,
            "done_count": sum(1 for row in rows if row["item"].is_done),
            "overdue_count": sum(1 for row in rows if row["overdue"]),
        },
    )


@login_required
def letter_detail(request, pk: int):
    return _detail_page(request, get_letter_for_user(request.user, pk))


@login_required
@require_POST
def item_add(request, pk: int):
    letter = get_letter_for_user(request.user, pk)
    form = ItemForm(request.POST, owners=owner_choices(letter))
    if form.is_valid():
        try:
            services.item_add(user=request.user, letter=letter, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Target added."))
            return redirect("assessment:letter_detail", pk=letter.pk)
    return _detail_page(request, letter, item_form=form)


@login_required
def item_edit(request, pk: int):
    item = get_item_for_user(request.user, pk)
    letter = get_letter_for_user(request.user, item.letter_id)
    if not letter_rights(request.user, letter).may_edit:
        raise PermissionDenied
    initial = {
        "text": item.text,
        "deadline": item.deadline,
        "owner": item.owner_id,
        "owner_name": item.owner_name,
    }
    data = request.POST if request.method == "POST" else None
    form = ItemForm(data, owners=owner_choices(letter), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_edit(user=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Target changed."))
            return redirect("assessment:letter_detail", pk=letter.pk)
    return render(
        request, "assessment/item_form.html", {"form": form, "item": item, "letter": letter}
    )


@login_required
@require_POST
def letter_sign(request, pk: int):
    letter = get_letter_for_user(request.user, pk)
    form = SignForm(request.POST)
    if form.is_valid():
        try:
            services.letter_sign(
                user=request.user, letter=letter, signed_on=form.cleaned_data["signed_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The letter is signed."))
            return redirect("assessment:letter_detail", pk=letter.pk)
    return _detail_page(request, letter, sign_form=form)


@login_required
@require_POST
def letter_close(request, pk: int):
    letter = get_letter_for_user(request.user, pk)
    try:
        services.letter_close(user=request.user, letter=letter)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The letter is closed."))
    return redirect("assessment:letter_detail", pk=letter.pk)


@login_required
@require_POST
def item_done(request, pk: int):
    item = get_item_for_user(request.user, pk)
    letter = get_letter_for_user(request.user, item.letter_id)
    form = DoneForm(request.POST, item=item)
    if form.is_valid():
        try:
            services.item_done(user=request.user, item=item, evidence=form.cleaned_data["evidence"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Target marked done."))
            return redirect("assessment:letter_detail", pk=letter.pk)
    return _detail_page(request, letter, bound_done=form)


@login_required
@require_POST
def item_reopen(request, pk: int):
    item = get_item_for_user(request.user, pk)
    try:
        services.item_reopen(user=request.user, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Target reopened."))
    return redirect("assessment:letter_detail", pk=item.letter_id)

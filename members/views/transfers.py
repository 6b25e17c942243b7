"""Pages of relation transfers: the list (outgoing, incoming, in flight), a new transfer
from the member page, a letter from outside, a group transfer, the transfer page with its
steps, one form page per step, and the printable letter.

A transfer is visible to both ends; outsiders get 404. Someone who sees it but may not act
for the side a step belongs to gets 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from config.forms import add_service_errors
from members.filters.transfers import TransferFilter
from members.forms.transfers import (
    BatchForm,
    IncomingForm,
    TransferCreateForm,
    step_form,
)
from members.models import Gender, MemberStatus, SensitiveAccess, TransferState
from members.selectors.roll import get_member_for_user, manageable_members_for, may_manage_member
from members.selectors.transfers import (
    TABS,
    dues_paid_until,
    holding_organizations_managed_by,
    manages_holding_organization,
    transfer_detail_for,
    transferable_members_of,
    transfers_for_tab,
)
from members.services.roll import can_see_sensitive, sensitive_access_log
from members.services.transfers import (
    default_valid_until,
    incoming_transfer_record,
    is_pocket_member_case,
    transfer_create,
    transfers_create_batch,
)
from members.services.transfers.base import destination_name, may_act, origin_name, sides_of
from members.services.transfers.moves import STEPS, offered_steps
from organizations import scoping
from organizations.selectors import change_history

PAGE_SIZE = 50
LETTER_STATUS = {MemberStatus.FULL: "正式党员", MemberStatus.PROBATIONARY: "预备党员"}
LETTER_GENDER = {Gender.MALE: "男", Gender.FEMALE: "女"}


@login_required
def transfer_list(request):
    tab = request.GET.get("tab", "open")
    tab = tab if tab in TABS else "open"
    transfer_filter = TransferFilter(request.GET, queryset=transfers_for_tab(request.user, tab))
    page = Paginator(transfer_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    may_start = holding_organizations_managed_by(request.user).exists()
    return render(
        request,
        "members/transfers/list.html",
        {
            "filter": transfer_filter,
            "page": page,
            "tab": tab,
            "query": query.urlencode(),
            "states": TransferState.choices,
            "may_start": may_start,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def transfer_new(request, member_pk: int):
    member = get_member_for_user(request.user, member_pk)
    if not may_manage_member(request.user, member):
        raise PermissionDenied
    form = TransferCreateForm(request.POST if request.method == "POST" else None, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = transfer_create(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The transfer of %(name)s is started; issue the letter next.")
                % {"name": member.name},
            )
            return redirect("members:transfer_detail", transfer.pk)
    return render(request, "members/transfers/new.html", {"form": form, "member": member})


@login_required
@require_http_methods(["GET", "POST"])
def transfer_incoming_new(request):
    if not holding_organizations_managed_by(request.user).exists():
        raise PermissionDenied
    form = IncomingForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = incoming_transfer_record(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The letter of %(name)s is recorded.") % {"name": transfer.name},
            )
            return redirect("members:transfer_detail", transfer.pk)
    return render(request, "members/transfers/incoming.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def transfer_batch_new(request):
    branches = holding_organizations_managed_by(request.user)
    if not branches.exists():
        raise PermissionDenied
    branch = None
    if request.GET.get("organization"):
        branch = scoping.get_organization_for_user(request.user, request.GET["organization"])
        if not manages_holding_organization(request.user, branch):
            raise PermissionDenied
    members = (
        transferable_members_of(branch) if branch else manageable_members_for(request.user).none()
    )
    form = BatchForm(request.POST if request.method == "POST" else None, members=members)
    if request.method == "POST" and branch is not None and form.is_valid():
        try:
            batch = transfers_create_batch(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(count)s transfers were started as “%(title)s”.")
                % {"count": batch.transfers.count(), "title": batch.title},
            )
            return redirect(f"{reverse('members:transfer_list')}?tab=out&batch={batch.pk}")
    return render(
        request,
        "members/transfers/batch.html",
        {"form": form, "branch": branch, "branches": branches},
    )


@login_required
def transfer_detail(request, pk: int):
    transfer = transfer_detail_for(request.user, pk)
    steps = offered_steps(request.user, transfer)
    today = timezone.localdate()
    # open (or lapsed) and nothing for this user to move it forward: say whose turn it is
    waiting = (transfer.is_open or transfer.state == TransferState.EXPIRED) and not any(
        not s.danger for s in steps
    )
    return render(
        request,
        "members/transfers/detail.html",
        {
            "transfer": transfer,
            "events": list(transfer.events.all()),
            "steps": [(s, step_form(s.name, transfer, request.user)) for s in steps],
            "sides": sides_of(request.user, transfer),
            "waiting": waiting,
            "origin": origin_name(transfer),
            "destination": destination_name(transfer),
            "pocket_member": is_pocket_member_case(transfer),
            "days_left": (transfer.valid_until - today).days if transfer.valid_until else None,
            "today": today,
            "changes": change_history(transfer),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def transfer_step(request, pk: int, step: str):
    spec = STEPS.get(step)
    if spec is None:
        raise Http404
    transfer = transfer_detail_for(request.user, pk)
    if not may_act(request.user, transfer, spec.side(transfer)):
        raise PermissionDenied
    form = step_form(
        step, transfer, request.user, request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            spec.service(actor=request.user, transfer=transfer, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Recorded: %(step)s.") % {"step": spec.label})
            return redirect("members:transfer_detail", transfer.pk)
    return render(
        request,
        "members/transfers/step.html",
        {
            "transfer": transfer,
            "form": form,
            "step": spec,
            "offered": spec.offered(transfer),
            "default_valid_until": default_valid_until(timezone.localdate()),
        },
    )


@login_required
def transfer_letter(request, pk: int):
    """The letter 介绍信 (stub, letter and tear-off receipt) for an outgoing transfer; for a
    transfer from outside, our receipt. The ID number is in full for those allowed to see
    it who act for one side, and that printing is logged."""
    transfer = transfer_detail_for(request.user, pk)
    if not transfer.letter_number:
        raise Http404
    unmasked = can_see_sensitive(request.user) and bool(sides_of(request.user, transfer))
    member = transfer.member
    if unmasked and member is not None:
        sensitive_access_log(
            actor=request.user,
            members=[member],
            fields=("id_number", "phone"),
            channel=SensitiveAccess.Channel.PAGE,
        )
    person = member or transfer
    return render(
        request,
        "members/transfers/letter.html",
        {
            "transfer": transfer,
            "person": person,
            # the letter is an official form, in Chinese whatever the interface language
            "status_display": LETTER_STATUS.get(
                person.status if member else transfer.member_status, ""
            ),
            "gender_display": LETTER_GENDER.get(person.gender, ""),
            "age": _age(person.birth_date, transfer.letter_issued_on),
            "unmasked": unmasked,
            "dues_paid_until": dues_paid_until(member),
            "origin": origin_name(transfer),
            "destination": destination_name(transfer),
            "valid_days": (transfer.valid_until - transfer.letter_issued_on).days + 1,  # both ends
        },
    )


def _age(born, on) -> int | None:
    if not born or not on:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

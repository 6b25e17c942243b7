"""Pages of the member roll: list, detail with timeline, add, edit, reveal sensitive data."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import members.services.roll
from config.forms import add_service_errors
from members.filters.roll import MemberFilter
from members.forms.roll import MemberForm
from members.models import SensitiveAccess
from members.selectors.roll import (
    get_member_for_user,
    may_manage_member,
    member_detail_for,
    member_list_for,
    member_search_for,
)
from members.services.roll import (
    can_see_sensitive,
    sensitive_values_reveal,
    sensitive_values_shown,
)
from members.timeline import member_timeline
from organizations import scoping
from organizations.selectors import change_history

PAGE_SIZE = 50


def _may_add_members(user) -> bool:
    return user.has_perm("members.add_member") and scoping.scope_for(user).may_manage_any


@login_required
def member_list(request):
    member_filter = MemberFilter(
        request.GET, queryset=member_list_for(request.user), user=request.user
    )
    page = Paginator(member_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "members/roll/list.html",
        {
            "filter": member_filter,
            "page": page,
            "query": query.urlencode(),
            "may_add": _may_add_members(request.user),
        },
    )


@login_required
def member_detail(request, pk: int):
    member = member_detail_for(request.user, pk)
    return render(
        request,
        "members/roll/detail.html",
        {
            "member": member,
            "timeline": member_timeline(member),
            "may_edit": may_manage_member(request.user, member),
            "may_reveal": can_see_sensitive(request.user),
            "changes": change_history(member),
        },
    )


@login_required
def member_add(request):
    if not _may_add_members(request.user):
        raise PermissionDenied
    form = MemberForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            member = members.services.roll.member_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s was added to the roll.") % {"name": member.name})
            return redirect("members:detail", pk=member.pk)
    return render(request, "members/roll/form.html", {"form": form, "member": None})


@login_required
def member_edit(request, pk: int):
    member = get_member_for_user(request.user, pk)
    if not may_manage_member(request.user, member):
        raise PermissionDenied
    if not can_see_sensitive(request.user):
        raise PermissionDenied
    form = MemberForm(request.POST or None, instance=member, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if k != "organization"}
            try:
                members.services.roll.member_update(actor=request.user, member=member, **fields)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect("members:detail", pk=member.pk)
    else:
        # the form shows the ID number and phone in full: that is an unmasking, so it is logged
        sensitive_values_shown(
            actor=request.user, member_id=member.pk, channel=SensitiveAccess.Channel.PAGE
        )
    return render(request, "members/roll/form.html", {"form": form, "member": member})


@login_required
@require_POST
def member_reveal(request, pk: int):
    member = get_member_for_user(request.user, pk)
    revealed = sensitive_values_reveal(
        actor=request.user, member=member, channel=SensitiveAccess.Channel.PAGE
    )
    return render(request, "members/roll/revealed.html", {"member": member, "revealed": revealed})


@login_required
def member_search(request):
    """The search box of a member choice beyond the select limit (JSON)."""
    return JsonResponse({"results": member_search_for(request.user, request.GET.get("q", ""))})

"""Pages of the development pipeline: the board, the application form, the record page
and one form page per move. Outsiders get 404, read-only roles 403 on every form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from config.forms import add_service_errors
from members.filters.development import DevelopmentRecordFilter
from members.forms.development import (
    MOVE_FORMS,
    ApplicationForm,
)
from members.models import Stage
from members.models.development import STAGE_ORDER
from members.selectors.development import (
    board_records_for,
    development_branches_for,
    development_record_for,
    only_open,
    stage_counts,
    visible_development_records_for,
)
from members.services.development import record_application
from members.services.development.moves import MOVES, offered_moves
from members.services.development.schedule import (
    current_figures,
    notes_for,
    talk_was_late,
)
from organizations import scoping

PAGE_SIZE = 25


@login_required
def board(request):
    user = request.user
    record_filter = DevelopmentRecordFilter(
        request.GET or None,
        queryset=board_records_for(user),
        branches=development_branches_for(user),
    )
    records = record_filter.qs
    chosen_stage = record_filter.is_bound and record_filter.form.cleaned_data.get("stage")
    if not chosen_stage:
        records = only_open(records)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    figures, today = current_figures(), timezone.localdate()
    for record in page:
        record.notes = notes_for(record, figures, today, record.last_review_on)
    counts = stage_counts(
        record_filter.filter_ignoring(visible_development_records_for(user), "stage")
    )
    query = request.GET.copy()
    query.pop("page", None)
    without_stage = query.copy()
    without_stage.pop("stage", None)
    return render(
        request,
        "members/development/board.html",
        {
            "filter": record_filter,
            "page": page,
            "query": query.urlencode(),
            "query_without_stage": without_stage.urlencode(),
            "stages": [(s, Stage(s).label, counts.get(s, 0)) for s in STAGE_ORDER],
            "chosen_stage": chosen_stage,
            "may_apply": scoping.scope_for(user).may_manage_any,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    user = request.user
    if not development_branches_for(user, manage=True).exists():
        raise PermissionDenied
    form = ApplicationForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            record = record_application(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The application of %(name)s is recorded.") % {"name": record.name}
            )
            return redirect("members:development_detail", record.pk)
    return render(request, "members/development/new.html", {"form": form})


@login_required
def detail(request, pk: int):
    record = development_record_for(request.user, pk)
    can_manage = scoping.can_manage_path(request.user, record.organization.path)
    figures = current_figures()
    reviews = list(record.reviews.all())
    last_review_on = max((r.reviewed_on for r in reviews), default=None)
    return render(
        request,
        "members/development/detail.html",
        {
            "record": record,
            "reviews": reviews,
            "notes": notes_for(record, figures, timezone.localdate(), last_review_on),
            "talk_was_late": talk_was_late(record, figures),
            "moves": offered_moves(record) if can_manage else [],
            "can_manage": can_manage,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def move(request, pk: int, move: str):
    spec = MOVES.get(move)
    if spec is None:
        raise Http404
    record = development_record_for(request.user, pk)
    if not scoping.can_manage_path(request.user, record.organization.path):
        raise PermissionDenied
    form = MOVE_FORMS[move](request.POST if request.method == "POST" else None, record=record)
    if request.method == "POST" and form.is_valid():
        try:
            spec.service(actor=request.user, record=record, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Recorded: %(move)s.") % {"move": spec.label})
            return redirect("members:development_detail", record.pk)
    figures = current_figures()
    last_review_on = max((r.reviewed_on for r in record.reviews.all()), default=None)
    return render(
        request,
        "members/development/move.html",
        {
            "record": record,
            "form": form,
            "move": spec,
            "offered": spec.offered(record),
            "notes": notes_for(record, figures, timezone.localdate(), last_review_on),
        },
    )

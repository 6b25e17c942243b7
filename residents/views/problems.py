"""Residents' problems pages: the list of the problems in the user's grid cells with filters,
recording a problem (one column, for a phone), a problem with its steps and the forms of the
steps the user may take. The resident's phone is masked; its reporter, its assignee and those
who may see residents' data in full (residents.services.access) may show it, and that is logged."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.privacy import mask_phone
from config.forms import add_service_errors
from organizations.selectors import change_history
from residents.forms.problems import (
    AssignForm,
    ConfirmForm,
    MergeForm,
    NoteForm,
    ProblemFilter,
    ProblemForm,
    ResolveForm,
)
from residents.models.problems import OPEN_STATES, ProblemState
from residents.selectors.problems import (
    events_of,
    get_photo_for_user,
    get_problem_for_user,
    problem_list_for,
)
from residents.services import problem_photos
from residents.services import problems as services
from residents.services.access import Channel, may_see_problem_phone_in_full, problem_phone_reveal

PAGE_SIZE = 50


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def problem_list(request):
    filters = ProblemFilter(request.GET or None, user=request.user)
    options = {}
    if filters.is_valid():
        data = filters.cleaned_data
        options = {
            "state": data["state"] or None,
            "category": data["category"],
            "grid_cell": data["grid_cell"],
            "overdue": data["overdue"],
        }
    page = Paginator(problem_list_for(request.user, **options), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "residents/problems/problem_list.html",
        {
            "page": page,
            "filters": filters,
            "query": _query_without_page(request),
            "today": timezone.localdate(),
            "open_states": OPEN_STATES,
        },
    )


@login_required
def problem_create(request):
    form = ProblemForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            problem = problem_photos.problem_report_with_photos(request.user, data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Problem recorded."))
            return redirect("residents:problem_detail", pk=problem.pk)
    return render(request, "residents/problems/problem_form.html", {"form": form})


@login_required
def problem_detail(request, pk: int):
    problem = get_problem_for_user(request.user, pk)
    may_act = services.may_act(request.user, problem)
    state = problem.state
    forms = {}
    if may_act:
        if state in services.ASSIGNABLE:
            forms["assign"] = AssignForm(user=request.user)
        if state == ProblemState.ASSIGNED:
            forms["start"] = NoteForm()
        if state == ProblemState.IN_PROGRESS:
            forms["resolve"] = ResolveForm()
        if state == ProblemState.RESOLVED:
            forms["confirm"] = ConfirmForm()
        if state in OPEN_STATES and problem.level != "street":
            forms["escalate"] = NoteForm()
        if state in OPEN_STATES:
            forms["merge"] = MergeForm(user=request.user, problem=problem)
    return render(
        request,
        "residents/problems/problem_detail.html",
        {
            "problem": problem,
            "phone": mask_phone(problem.resident_phone),
            "may_reveal": may_see_problem_phone_in_full(request.user, problem),
            "events": events_of(problem),
            "photos": list(problem.photos.all()),
            "forms": forms,
            "may_act": may_act,
            "overdue": state in OPEN_STATES and problem.due_on < timezone.localdate(),
            "changes": change_history(problem),
        },
    )


def _step(request, pk, form_class, run, success, form_kwargs=None):
    problem = get_problem_for_user(request.user, pk)
    form = form_class(request.POST, **(form_kwargs(problem) if form_kwargs else {}))
    if not form.is_valid():
        for texts in form.errors.values():
            for text in texts:
                messages.error(request, text)
        return redirect("residents:problem_detail", pk=problem.pk)
    try:
        run(problem, form.cleaned_data)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, success)
    return redirect("residents:problem_detail", pk=problem.pk)


@login_required
@require_POST
def problem_assign_view(request, pk: int):
    return _step(
        request,
        pk,
        AssignForm,
        lambda p, d: services.problem_assign(
            request.user, p, assignee=d["assignee"], note=d["note"]
        ),
        _("Problem assigned."),
        form_kwargs=lambda p: {"user": request.user},
    )


@login_required
@require_POST
def problem_start_view(request, pk: int):
    return _step(
        request,
        pk,
        NoteForm,
        lambda p, d: services.problem_start(request.user, p, note=d["note"]),
        _("Problem in progress."),
    )


@login_required
@require_POST
def problem_resolve_view(request, pk: int):
    return _step(
        request,
        pk,
        ResolveForm,
        lambda p, d: services.problem_resolve(request.user, p, resolution=d["resolution"]),
        _("Problem resolved."),
    )


@login_required
@require_POST
def problem_confirm_view(request, pk: int):
    return _step(
        request,
        pk,
        ConfirmForm,
        lambda p, d: services.problem_confirm(
            request.user, p, satisfaction=d["satisfaction"], note=d["note"]
        ),
        _("The resident's satisfaction is recorded."),
    )


@login_required
@require_POST
def problem_escalate_view(request, pk: int):
    return _step(
        request,
        pk,
        NoteForm,
        lambda p, d: services.problem_escalate(request.user, p, note=d["note"]),
        _("Problem escalated."),
    )


@login_required
@require_POST
def problem_merge_view(request, pk: int):
    return _step(
        request,
        pk,
        MergeForm,
        lambda p, d: services.problem_merge(
            request.user, p, original=d["original"], note=d["note"]
        ),
        _("Problem merged into the other."),
        form_kwargs=lambda p: {"user": request.user, "problem": p},
    )


@login_required
@require_POST
def problem_photos_add(request, pk: int):
    problem = get_problem_for_user(request.user, pk)
    try:
        added = problem_photos.problem_add_photos(
            request.user, problem, request.FILES.getlist("photos")
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("%(count)s photos added.") % {"count": len(added)})
    return redirect("residents:problem_detail", pk=problem.pk)


@login_required
def problem_photo(request, pk: int):
    """A photo, to those who see its problem."""
    photo = get_photo_for_user(request.user, pk)
    try:
        handle = default_storage.open(photo.file.name, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=photo.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def problem_phone_show(request, pk: int):
    problem = get_problem_for_user(request.user, pk)
    phone = problem_phone_reveal(user=request.user, problem=problem, channel=Channel.PAGE)
    return render(request, "residents/revealed.html", {"revealed": {"phone": phone}})

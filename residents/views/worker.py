"""The grid worker's pages, built for a phone (one column, large buttons): my grid cells
with their figures, my households, recording a household visit or a problem, my open
problems and the visits due. Secretaries and staff use them over the cells they see."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from config.forms import add_service_errors
from residents.forms.problems import ProblemForm
from residents.forms.worker import HouseholdVisitForm, WorkerHouseholdFilter
from residents.models.problems import ProblemChannel
from residents.selectors.households import get_household_for_user, visible_cells_for
from residents.selectors.worker import (
    cell_summaries_for,
    due_households_for,
    due_pairings_for,
    open_problems_for,
    worker_households_for,
)
from residents.services.problem_photos import problem_report_with_photos
from residents.services.visits import household_visit_record

PAGE_SIZE = 30


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def worker_home(request):
    today = timezone.localdate()
    return render(
        request,
        "residents/worker/home.html",
        {"cells": cell_summaries_for(request.user, today), "today": today},
    )


@login_required
def worker_households(request):
    form = WorkerHouseholdFilter(request.GET or None, user=request.user)
    cell, search = None, ""
    if form.is_bound and form.is_valid():
        cell, search = form.cleaned_data["cell"], form.cleaned_data["q"]
    households = worker_households_for(request.user, grid_cell=cell, search=search)
    return render(
        request,
        "residents/worker/households.html",
        {
            "form": form,
            "page": _page(request, households),
            "query": _query_without_page(request),
        },
    )


@login_required
def worker_visit(request):
    initial = {}
    if request.method == "GET" and request.GET.get("household"):
        initial["household"] = get_household_for_user(request.user, request.GET["household"])
    form = HouseholdVisitForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            household_visit_record(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The household visit is recorded."))
            return redirect("residents:worker_home")
    return render(request, "residents/worker/visit_form.html", {"form": form})


def _initial_cell(request):
    cells = visible_cells_for(request.user)
    wanted = request.GET.get("cell")
    if wanted:
        return cells.filter(pk=wanted).first() if wanted.isdigit() else None
    only = list(cells[:2])
    return only[0] if len(only) == 1 else None


@login_required
def worker_problem(request):
    initial = {"channel": ProblemChannel.VISIT}
    if request.method == "GET":
        initial["grid_cell"] = _initial_cell(request)
    form = ProblemForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            problem_report_with_photos(request.user, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Problem recorded."))
            return redirect("residents:worker_home")
    return render(request, "residents/worker/problem_form.html", {"form": form})


@login_required
def worker_problems(request):
    return render(
        request,
        "residents/worker/problems.html",
        {"page": _page(request, open_problems_for(request.user)), "today": timezone.localdate()},
    )


@login_required
def worker_due(request):
    today = timezone.localdate()
    return render(
        request,
        "residents/worker/due.html",
        {
            "page": _page(request, due_households_for(request.user, today)),
            "pairings": due_pairings_for(request.user, today)[:PAGE_SIZE],
            "today": today,
        },
    )

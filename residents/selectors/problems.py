"""Reading residents' problems: the problems of the grid cells a user sees (a grid worker
their cells, a secretary their branch's cells, staff their community or street), one of them,
its steps, and the people it may be assigned to."""

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from organizations import scoping
from residents.models.problems import (
    OPEN_STATES,
    Problem,
    ProblemCategory,
    ProblemEvent,
    ProblemPhoto,
)


def in_scope(user, queryset: QuerySet) -> QuerySet:
    """The problems (or rows with a ``grid_cell``) of ``queryset`` in grid cells the user sees."""
    return queryset.filter(grid_cell__in=scoping.visible_grid_cells_for(user))


def problems_for(user) -> QuerySet:
    """Every problem in a grid cell the user sees."""
    return in_scope(user, Problem.objects.all())


def problem_list_for(
    user,
    *,
    state: str | None = None,
    category=None,
    grid_cell=None,
    overdue: bool = False,
    today: datetime.date | None = None,
) -> QuerySet:
    qs = problems_for(user).select_related("category", "grid_cell__community", "assignee")
    if state:
        qs = qs.filter(state=state)
    if category is not None:
        qs = qs.filter(category=category)
    if grid_cell is not None:
        qs = qs.filter(grid_cell=grid_cell)
    if overdue:
        qs = qs.filter(state__in=OPEN_STATES, due_on__lt=today or timezone.localdate())
    return qs.order_by("-reported_on", "-pk")


def get_problem_for_user(user, pk) -> Problem:
    try:
        return (
            problems_for(user)
            .select_related(
                "category",
                "grid_cell__community__street",
                "assignee",
                "reporter",
                "organization",
                "merged_into",
            )
            .get(pk=pk)
        )
    except (Problem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def events_of(problem: Problem) -> list[ProblemEvent]:
    return list(problem.events.select_related("by"))


def active_categories() -> QuerySet:
    return ProblemCategory.objects.filter(active=True)


def merge_candidates(user, problem: Problem) -> QuerySet:
    """Problems of the same community the duplicate may be merged into."""
    return (
        problems_for(user)
        .filter(grid_cell__community_id=problem.grid_cell.community_id)
        .exclude(pk=problem.pk)
        .filter(state__in=OPEN_STATES)
        .select_related("category")
        .order_by("-reported_on", "-pk")
    )


def assignable_users(user) -> QuerySet:
    """Whom the user may give a problem to: the holders of posts in the organizations they
    see and the grid workers of the grid cells they see (active accounts)."""
    return (
        User.objects.filter(
            Q(posts__organization__in=scoping.visible_organizations_for(user))
            | Q(grid_assignments__grid_cell__in=scoping.visible_grid_cells_for(user)),
            is_active=True,
        )
        .distinct()
        .order_by("username")
    )


def get_photo_for_user(user, pk) -> ProblemPhoto:
    try:
        return ProblemPhoto.objects.filter(problem__in=problems_for(user)).get(pk=pk)
    except (ProblemPhoto.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc

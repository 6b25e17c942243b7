"""Writing residents' problems: reporting, each step of their handling, escalation and merging.

Every step runs in one transaction with the problem locked (``select_for_update``), writes a
ProblemEvent (who, when, the note, the states before and after) and refuses bad input with a
ValidationError naming the field; nothing is saved then. Who may act: whoever sees the
problem's grid cell (its grid worker, its branch, the community, the street) while it is at
the grid; the community's and the street's managing posts once it is escalated to them.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations import scoping
from organizations.models import Organization, OrgKind
from residents.models.problems import (
    NEXT_LEVEL,
    OPEN_STATES,
    Problem,
    ProblemAction,
    ProblemCategory,
    ProblemEvent,
    ProblemLevel,
    ProblemState,
    Satisfaction,
)
from residents.selectors.problems import assignable_users

ASSIGNABLE = (
    ProblemState.REPORTED,
    ProblemState.ASSIGNED,
    ProblemState.REOPENED,
    ProblemState.ESCALATED,
)


def _today() -> datetime.date:
    return timezone.localdate()


def responsible_organization(grid_cell, level: str) -> Organization | None:
    """The organization answering for a problem at its level: the grid's branch, the
    community's committee, the street's committee (none if there is no such organization)."""
    active = Organization.objects.active()
    if level == ProblemLevel.GRID:
        return active.filter(grid_cell=grid_cell).order_by("depth", "pk").first()
    community = grid_cell.community
    if level == ProblemLevel.COMMUNITY:
        return (
            active.filter(community=community, kind=OrgKind.COMMUNITY_COMMITTEE)
            .order_by("pk")
            .first()
        )
    return (
        active.filter(street_id=community.street_id, kind=OrgKind.STREET_COMMITTEE)
        .order_by("pk")
        .first()
    )


def may_act(user, problem: Problem) -> bool:
    """May ``user`` deal with ``problem`` at its current level?"""
    if problem.level == ProblemLevel.GRID:
        return scoping.visible_grid_cells_for(user).filter(pk=problem.grid_cell_id).exists()
    community = problem.grid_cell.community
    if problem.level == ProblemLevel.COMMUNITY:
        return scoping.manageable_communities_for(user).filter(pk=community.pk).exists()
    return scoping.manageable_streets_for(user).filter(pk=community.street_id).exists()


def _event(problem, action, before, by, note="") -> ProblemEvent:
    return ProblemEvent.objects.create(
        problem=problem,
        action=action,
        state_before=before,
        state_after=problem.state,
        by=by,
        at=timezone.now(),
        note=note,
    )


def _locked(user, problem: Problem) -> Problem:
    """The problem again, locked for the step; PermissionDenied if the user may not act."""
    locked = (
        Problem.objects.select_for_update()
        .select_related("grid_cell__community")
        .get(pk=problem.pk)
    )
    if user is not None and not may_act(user, locked):
        raise PermissionDenied(_("You may not deal with this problem."))
    return locked


def _require_state(problem, states, field="state") -> None:
    if problem.state not in states:
        raise ValidationError(
            {
                field: _("This step is not possible while the problem is “%(state)s”.")
                % {"state": problem.get_state_display()}
            }
        )


@transaction.atomic
def problem_report(
    user,
    *,
    grid_cell,
    category: ProblemCategory,
    channel: str,
    description: str,
    resident_name: str = "",
    resident_phone: str = "",
    note: str = "",
) -> Problem:
    """Record a problem in a grid cell the user sees; its deadline runs from today."""
    if (
        grid_cell is None
        or not scoping.visible_grid_cells_for(user).filter(pk=grid_cell.pk).exists()
    ):
        raise ValidationError({"grid_cell": _("Choose a grid cell you look after.")})
    if category is None or not category.active:
        raise ValidationError({"category": _("Choose an active category.")})
    today = _today()
    problem = Problem(
        grid_cell=grid_cell,
        category=category,
        channel=channel,
        reporter=user,
        description=(description or "").strip(),
        resident_name=(resident_name or "").strip(),
        resident_phone=(resident_phone or "").strip(),
        reported_on=today,
        due_on=today + datetime.timedelta(days=category.deadline_days),
        level=ProblemLevel.GRID,
        organization=responsible_organization(grid_cell, ProblemLevel.GRID),
    )
    problem.full_clean()
    problem.save()
    _event(problem, ProblemAction.REPORTED, "", user, note)
    return problem


@transaction.atomic
def problem_assign(user, problem: Problem, *, assignee, note: str = "") -> Problem:
    problem = _locked(user, problem)
    _require_state(problem, ASSIGNABLE)
    if assignee is None or not assignable_users(user).filter(pk=assignee.pk).exists():
        raise ValidationError({"assignee": _("Choose who deals with the problem.")})
    before = problem.state
    problem.assignee = assignee
    problem.state = ProblemState.ASSIGNED
    problem.save(update_fields=["assignee", "state"])
    _event(problem, ProblemAction.ASSIGNED, before, user, note)
    return problem


@transaction.atomic
def problem_start(user, problem: Problem, *, note: str = "") -> Problem:
    problem = _locked(user, problem)
    _require_state(problem, (ProblemState.ASSIGNED,))
    before = problem.state
    problem.state = ProblemState.IN_PROGRESS
    problem.save(update_fields=["state"])
    _event(problem, ProblemAction.STARTED, before, user, note)
    return problem


@transaction.atomic
def problem_resolve(user, problem: Problem, *, resolution: str) -> Problem:
    problem = _locked(user, problem)
    _require_state(problem, (ProblemState.IN_PROGRESS,))
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError({"resolution": _("Say how the problem was resolved.")})
    before = problem.state
    problem.state = ProblemState.RESOLVED
    problem.resolution = resolution
    problem.save(update_fields=["state", "resolution"])
    _event(problem, ProblemAction.RESOLVED, before, user, resolution)
    return problem


@transaction.atomic
def problem_confirm(user, problem: Problem, *, satisfaction: str, note: str = "") -> Problem:
    """The resident's satisfaction with a resolved problem; not satisfied reopens it with a
    new deadline from today."""
    problem = _locked(user, problem)
    if problem.state != ProblemState.RESOLVED:
        raise ValidationError(
            {
                "satisfaction": _(
                    "The resident's satisfaction is recorded once the problem is resolved."
                )
            }
        )
    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": _("Choose the resident's satisfaction.")})
    before = problem.state
    problem.satisfaction = satisfaction
    if satisfaction == Satisfaction.NOT_SATISFIED:
        problem.state = ProblemState.REOPENED
        problem.due_on = _today() + datetime.timedelta(days=problem.category.deadline_days)
        action = ProblemAction.REOPENED
    else:
        problem.state = ProblemState.CONFIRMED
        action = ProblemAction.CONFIRMED
    problem.save(update_fields=["satisfaction", "state", "due_on"])
    _event(problem, action, before, user, note)
    return problem


def _escalate(problem: Problem, by, note: str, action: str, today: datetime.date) -> Problem:
    level = NEXT_LEVEL.get(problem.level)
    if level is None:
        raise ValidationError({"level": _("A problem at the street cannot be escalated further.")})
    before = problem.state
    problem.level = level
    problem.state = ProblemState.ESCALATED
    problem.assignee = None
    problem.organization = responsible_organization(problem.grid_cell, level)
    problem.due_on = today + datetime.timedelta(days=problem.category.deadline_days)
    problem.save(update_fields=["level", "state", "assignee", "organization", "due_on"])
    _event(problem, action, before, by, note)
    return problem


@transaction.atomic
def problem_escalate(user, problem: Problem, *, note: str = "") -> Problem:
    """Hand an open problem up one level, with a new deadline from today."""
    problem = _locked(user, problem)
    _require_state(problem, OPEN_STATES)
    return _escalate(problem, user, note, ProblemAction.ESCALATED, _today())


def escalate_overdue(today: datetime.date | None = None) -> dict:
    """The sweep's step: every open problem whose deadline passed before ``today`` (the day
    after its deadline) goes up one level; at the street it stays overdue. Idempotent."""
    today = today or _today()
    escalated = 0
    overdue = Problem.objects.filter(
        state__in=OPEN_STATES, due_on__lt=today, level__in=list(NEXT_LEVEL)
    ).values_list("pk", flat=True)
    for pk in list(overdue):
        with transaction.atomic():
            problem = (
                Problem.objects.select_for_update()
                .select_related("grid_cell__community", "category")
                .get(pk=pk)
            )
            if (
                problem.state in OPEN_STATES
                and problem.due_on < today
                and problem.level in NEXT_LEVEL
            ):
                note = _("The deadline %(date)s passed.") % {"date": problem.due_on.isoformat()}
                _escalate(problem, None, note, ProblemAction.AUTO_ESCALATED, today)
                escalated += 1
    return {"escalated": escalated}


@transaction.atomic
def problem_merge(user, duplicate: Problem, *, original: Problem, note: str = "") -> Problem:
    """Close ``duplicate`` as merged into ``original`` (open, in the same community), with a
    step on both."""
    if duplicate.pk == original.pk:
        raise ValidationError({"original": _("A problem cannot be merged into itself.")})
    duplicate = _locked(user, duplicate)
    original = _locked(user, original)
    _require_state(duplicate, OPEN_STATES)
    if original.state == ProblemState.MERGED:
        raise ValidationError({"original": _("Merge into the problem that was kept.")})
    if original.grid_cell.community_id != duplicate.grid_cell.community_id:
        raise ValidationError(
            {"original": _("Only a problem of the same community can be merged.")}
        )
    before = duplicate.state
    duplicate.state = ProblemState.MERGED
    duplicate.merged_into = original
    duplicate.save(update_fields=["state", "merged_into"])
    _event(duplicate, ProblemAction.MERGED, before, user, note)
    _event(original, ProblemAction.MERGED_IN, original.state, user, note or f"#{duplicate.pk}")
    return duplicate

"""Reminder rules and the sweep step of residents' problems.

- ``residents.problem_due_soon``: an open problem from PROBLEM_DUE_SOON_DAYS (default 2) days
  before its deadline to the deadline itself (and, at the street, the top level, for as long as
  it stays open after it). It goes to the assignee, else to the responsible person of the
  organization at the problem's current level. Period: the deadline, so a new deadline (an
  escalation, a reopening) reminds again; it closes when the problem is resolved or merged.
- ``residents.problem_escalated``: a problem escalated to the community or the street and not
  yet assigned there, to the responsible person of that level's organization. Period: the
  level and the deadline; it closes once someone at that level is assigned.
- The sweep step ``residents.escalate_overdue_problems`` (run by the daily sweep before the
  rules) escalates every open problem whose deadline has passed: nothing on its deadline day,
  up one level on the day after, with a new deadline (residents.services.problems).
"""

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from policies.registry import value
from reminders import registry
from reminders.registry import Due, Rule
from residents import rules
from residents.models.problems import OPEN_STATES, Problem, ProblemLevel, ProblemState
from residents.services.problems import escalate_overdue


def _problem_url(reminder) -> str:
    return reverse("residents:problem_detail", kwargs={"pk": reminder.object_id})


def _params(problem) -> dict:
    return {
        "category": problem.category.name,
        "grid_cell": problem.grid_cell.name,
        "date": problem.due_on.isoformat(),
    }


def problem_due_soon_due(today: datetime.date) -> list[Due]:
    days = value(rules.PROBLEM_DUE_SOON_DAYS)
    horizon = today + datetime.timedelta(days=days)
    problems = (
        Problem.objects.filter(state__in=OPEN_STATES, due_on__lte=horizon)
        .exclude(level__in=[ProblemLevel.GRID, ProblemLevel.COMMUNITY], due_on__lt=today)
        .select_related("category", "grid_cell")
        .only("pk", "due_on", "assignee_id", "organization_id", "category__name", "grid_cell__name")
    )
    return [
        Due(
            subject=problem,
            period=problem.due_on.isoformat(),
            due_on=problem.due_on,
            organization_id=problem.organization_id,
            recipient_id=problem.assignee_id,
            params=_params(problem),
        )
        for problem in problems
        if problem.organization_id or problem.assignee_id
    ]


PROBLEM_DUE_SOON = Rule(
    kind="residents.problem_due_soon",
    label=_("Residents' problem near its deadline"),
    message=_("The problem “%(category)s” in %(grid_cell)s must be dealt with by %(date)s."),
    due=problem_due_soon_due,
    model=Problem,
    url=_problem_url,
)


def problem_escalated_due(today: datetime.date) -> list[Due]:
    problems = (
        Problem.objects.filter(
            state=ProblemState.ESCALATED,
            level__in=[ProblemLevel.COMMUNITY, ProblemLevel.STREET],
            organization__isnull=False,
        )
        .select_related("category", "grid_cell")
        .only("pk", "due_on", "level", "organization_id", "category__name", "grid_cell__name")
    )
    return [
        Due(
            subject=problem,
            period=f"{problem.level}-{problem.due_on.isoformat()}",
            due_on=today,
            organization_id=problem.organization_id,
            params=_params(problem),
        )
        for problem in problems
    ]


PROBLEM_ESCALATED = Rule(
    kind="residents.problem_escalated",
    label=_("Residents' problem escalated"),
    message=_(
        "The problem “%(category)s” in %(grid_cell)s was escalated to you: assign it; its deadline is %(date)s."
    ),
    due=problem_escalated_due,
    model=Problem,
    url=_problem_url,
)


def register_rules() -> None:
    registry.register(PROBLEM_DUE_SOON)
    registry.register(PROBLEM_ESCALATED)
    registry.register_step("residents.escalate_overdue_problems", escalate_overdue)

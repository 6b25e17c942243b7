"""The demo residents' problems (residents/demo/problems.py): every state with its steps,
dates around the seeding day, some overdue and escalated, merged ones pointing at a kept one."""

import pytest
from django.utils import timezone

from activities.tests.support.demo import seed
from conftest import built_once
from residents.models import Problem, ProblemEvent, ProblemState
from residents.models.problems import OPEN_STATES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]

seeded = built_once(lambda: seed(120))


def test_a_few_hundred_problems_in_every_state():
    problems = Problem.objects.all()
    assert problems.count() >= 300
    assert set(problems.values_list("state", flat=True)) == set(ProblemState.values)


def test_dates_around_the_seeding_day_and_some_overdue():
    seeded_on = ProblemEvent.objects.latest("at").at
    today = timezone.localdate(seeded_on)
    assert not Problem.objects.filter(reported_on__gt=today).exists()
    # the seeding's sweep escalated what was overdue at the grid and the community: what is
    # still overdue is at the street
    overdue = Problem.objects.filter(state__in=OPEN_STATES, due_on__lt=today)
    assert overdue.exists()
    assert set(overdue.values_list("level", flat=True)) == {"street"}
    assert Problem.objects.filter(level="community", state="escalated").exists()


def test_every_problem_has_its_steps_in_order():
    for problem in Problem.objects.prefetch_related("events")[:200]:
        events = list(problem.events.all())
        assert events[0].action == "reported"
        assert events[-1].state_after == problem.state
        for before, after in zip(events, events[1:], strict=False):
            assert after.state_before == before.state_after
            assert after.at >= before.at


def test_merged_problems_point_at_a_kept_one_of_their_community():
    merged = Problem.objects.filter(state="merged").select_related(
        "grid_cell", "merged_into__grid_cell"
    )
    assert merged.exists()
    for problem in merged:
        assert problem.merged_into.state != "merged"
        assert problem.merged_into.grid_cell.community_id == problem.grid_cell.community_id
    assert not Problem.objects.exclude(state="merged").filter(merged_into__isnull=False).exists()

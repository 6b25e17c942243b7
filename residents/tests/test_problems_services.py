"""Every step of a residents' problem, its bad input (nothing saved) and who may act."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from residents.models import Problem, ProblemAction, ProblemEvent, ProblemLevel, ProblemState
from residents.services import problems as services
from residents.tests.support.problems import category, report

DAY = datetime.datetime(2026, 11, 2, 10, 0, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _day():
    with time_machine.travel(DAY, tick=False):
        yield


def _actions(problem):
    return list(problem.events.values_list("action", "state_before", "state_after"))


def test_report_sets_the_deadline_from_the_category_and_the_branch(grid_worker, world):
    problem = report(grid_worker, world.branch_a.grid_cell)
    assert problem.state == ProblemState.REPORTED
    assert problem.level == ProblemLevel.GRID
    assert problem.organization == world.branch_a
    assert problem.reported_on == datetime.date(2026, 11, 2)
    assert problem.due_on == datetime.date(2026, 11, 2) + datetime.timedelta(
        days=category().deadline_days
    )
    event = problem.events.get()
    assert (event.action, event.by, event.state_after) == ("reported", grid_worker, "reported")


def test_the_whole_way_to_a_satisfied_resident(grid_worker, secretary_a, world):
    problem = report(grid_worker, world.branch_a.grid_cell)
    services.problem_assign(secretary_a, problem, assignee=grid_worker, note="请跟进")
    services.problem_start(grid_worker, problem, note="已上门")
    services.problem_resolve(grid_worker, problem, resolution="已清理杂物")
    done = services.problem_confirm(grid_worker, problem, satisfaction="satisfied")
    assert done.state == ProblemState.CONFIRMED
    assert done.resolution == "已清理杂物"
    assert _actions(done) == [
        ("reported", "", "reported"),
        ("assigned", "reported", "assigned"),
        ("started", "assigned", "in_progress"),
        ("resolved", "in_progress", "resolved"),
        ("confirmed", "resolved", "confirmed"),
    ]
    assert done.events.get(action="assigned").note == "请跟进"
    assert done.events.get(action="assigned").by == secretary_a


def test_basically_satisfied_confirms(grid_worker, world):
    problem = _resolved(grid_worker, world)
    assert (
        services.problem_confirm(grid_worker, problem, satisfaction="basically").state
        == "confirmed"
    )


def test_not_satisfied_reopens_with_a_new_deadline(grid_worker, world):
    problem = _resolved(grid_worker, world)
    with time_machine.travel(DAY + datetime.timedelta(days=3), tick=False):
        reopened = services.problem_confirm(grid_worker, problem, satisfaction="not_satisfied")
    assert reopened.state == ProblemState.REOPENED
    assert reopened.satisfaction == "not_satisfied"
    assert reopened.due_on == datetime.date(2026, 11, 5) + datetime.timedelta(
        days=category().deadline_days
    )
    again = services.problem_assign(grid_worker, reopened, assignee=grid_worker)
    assert again.state == ProblemState.ASSIGNED


def _resolved(user, world):
    problem = report(user, world.branch_a.grid_cell)
    services.problem_assign(user, problem, assignee=user)
    services.problem_start(user, problem)
    return services.problem_resolve(user, problem, resolution="已处理")


def test_resolving_without_a_note_is_refused_and_nothing_saved(grid_worker, world):
    problem = report(grid_worker, world.branch_a.grid_cell)
    services.problem_assign(grid_worker, problem, assignee=grid_worker)
    services.problem_start(grid_worker, problem)
    with pytest.raises(ValidationError) as caught:
        services.problem_resolve(grid_worker, problem, resolution="  ")
    assert "resolution" in caught.value.message_dict
    problem.refresh_from_db()
    assert problem.state == ProblemState.IN_PROGRESS
    assert not problem.events.filter(action="resolved").exists()


def test_satisfaction_before_resolution_is_refused(grid_worker, world):
    problem = report(grid_worker, world.branch_a.grid_cell)
    with pytest.raises(ValidationError) as caught:
        services.problem_confirm(grid_worker, problem, satisfaction="satisfied")
    assert "satisfaction" in caught.value.message_dict
    problem.refresh_from_db()
    assert (problem.state, problem.satisfaction) == ("reported", "")


def test_an_unknown_satisfaction_is_refused(grid_worker, world):
    problem = _resolved(grid_worker, world)
    with pytest.raises(ValidationError) as caught:
        services.problem_confirm(grid_worker, problem, satisfaction="delighted")
    assert "satisfaction" in caught.value.message_dict


def test_a_grid_cell_the_user_cannot_see_is_refused(grid_worker, world):
    with pytest.raises(ValidationError) as caught:
        report(grid_worker, world.branch_b.grid_cell)
    assert "grid_cell" in caught.value.message_dict
    assert not Problem.objects.exists()
    assert not ProblemEvent.objects.exists()


def test_an_inactive_category_is_refused(grid_worker, world):
    inactive = category("other")
    inactive.active = False
    inactive.save()
    with pytest.raises(ValidationError) as caught:
        report(grid_worker, world.branch_a.grid_cell, code="other")
    assert "category" in caught.value.message_dict


def test_an_empty_description_is_refused(grid_worker, world):
    with pytest.raises(ValidationError) as caught:
        report(grid_worker, world.branch_a.grid_cell, description=" ")
    assert "description" in caught.value.message_dict


def test_steps_out_of_order_are_refused(grid_worker, world):
    problem = report(grid_worker, world.branch_a.grid_cell)
    with pytest.raises(ValidationError):
        services.problem_start(grid_worker, problem)
    with pytest.raises(ValidationError):
        services.problem_resolve(grid_worker, problem, resolution="x")
    with pytest.raises(ValidationError) as caught:
        services.problem_assign(grid_worker, problem, assignee=None)
    assert "assignee" in caught.value.message_dict


def test_escalation_goes_grid_community_street_with_new_deadlines(
    grid_worker, community_staff, street_staff, world
):
    problem = report(grid_worker, world.branch_a.grid_cell)
    services.problem_assign(grid_worker, problem, assignee=grid_worker)
    with time_machine.travel(DAY + datetime.timedelta(days=1), tick=False):
        up = services.problem_escalate(grid_worker, problem, note="需社区协调")
    assert (up.level, up.state, up.assignee, up.organization) == (
        "community",
        "escalated",
        None,
        world.community1,
    )
    assert up.due_on == datetime.date(2026, 11, 3) + datetime.timedelta(
        days=category().deadline_days
    )
    with pytest.raises(PermissionDenied):
        services.problem_assign(grid_worker, up, assignee=grid_worker)
    services.problem_assign(community_staff, up, assignee=community_staff)
    top = services.problem_escalate(community_staff, up)
    assert (top.level, top.organization) == ("street", world.street_committee1)
    with pytest.raises(ValidationError) as caught:
        services.problem_escalate(street_staff, top)
    assert "level" in caught.value.message_dict
    assert [e.action for e in top.events.all()][-2:] == ["escalated", "escalated"]


def test_merge_closes_the_duplicate_with_a_step_on_both(grid_worker, secretary_a, world):
    original = report(grid_worker, world.branch_a.grid_cell)
    duplicate = report(grid_worker, world.branch_a.grid_cell, description="同一楼道杂物")
    merged = services.problem_merge(secretary_a, duplicate, original=original, note="重复")
    assert (merged.state, merged.merged_into) == (ProblemState.MERGED, original)
    assert original.events.filter(action=ProblemAction.MERGED_IN).exists()
    assert merged.events.filter(action=ProblemAction.MERGED).exists()
    with pytest.raises(ValidationError):
        services.problem_merge(secretary_a, original, original=original)


def test_merge_across_communities_is_refused(superuser, world):
    first = report(superuser, world.branch_a.grid_cell)
    other = report(superuser, world.branch_c.grid_cell)
    with pytest.raises(ValidationError) as caught:
        services.problem_merge(superuser, other, original=first)
    assert "original" in caught.value.message_dict
    other.refresh_from_db()
    assert other.state == ProblemState.REPORTED


def test_who_may_act_at_the_grid(
    grid_worker, secretary_a, secretary_b, community_staff, street_staff, other_street_staff, world
):
    problem = report(grid_worker, world.branch_a.grid_cell)
    for user in (grid_worker, secretary_a, community_staff, street_staff):
        assert services.may_act(user, problem)
    for user in (secretary_b, other_street_staff):
        assert not services.may_act(user, problem)
        with pytest.raises(PermissionDenied):
            services.problem_assign(user, problem, assignee=user)

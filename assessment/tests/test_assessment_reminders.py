"""The score sheet reminder rules through a sweep on the day: not 4 days before the deadline,
3 days before (the admin's figure), once per reviewer and scheme, closed when the reviewer's
scores are given; and the deadline passed with sheets unfinished, to the street."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import UserFactory
from assessment.models import SchemeState
from assessment.reminders import sheets as s
from assessment.tests.support.schemes import add_indicator, give_score, standard_scheme
from organizations.tests.factories import branch
from policies.models import Policy
from reminders import registry
from reminders.models import Reminder, ReminderState
from reminders.services.sweep import run_sweep

D = datetime.date
DEADLINE = D(2027, 1, 15)


@pytest.fixture
def sweep_at(time_machine, monkeypatch):
    """Registers only the given rule, moves to the day at 9 o'clock and runs the sweep."""

    def sweep(rule, day: D) -> int:
        monkeypatch.setattr(registry, "_rules", {r.kind: r for r in s.RULES if r is rule})
        time_machine.move_to(f"{day.isoformat()} 09:00 +08:00")
        return run_sweep().created_count

    return sweep


@pytest.fixture
def reviewers(db):
    return UserFactory(username="reviewer_1"), UserFactory(username="reviewer_2")


@pytest.fixture
def scheme_parts(world, reviewers):
    """Work (reviewer 1) and conduct (reviewers 1 and 2), for branches A, B and C."""
    first, second = reviewers
    scheme, computed, work = standard_scheme(world.street_committee1, reviewer=first)
    conduct = add_indicator(scheme, "作风建设", weight=0, max_score=10, reviewers=[first, second])
    return scheme, work, conduct


def states(kind: str) -> list[tuple[str, str]]:
    return list(
        Reminder.objects.filter(kind=kind)
        .order_by("recipient__username")
        .values_list("recipient__username", "state")
    )


def test_reviewers_are_reminded_3_days_before_the_deadline_once_each(
    world, scheme_parts, reviewers, sweep_at
):
    scheme, work, conduct = scheme_parts
    give_score(scheme, world.branch_a, work, 30)
    assert sweep_at(s.SHEETS_UNFINISHED, D(2027, 1, 11)) == 0  # 4 days before
    assert sweep_at(s.SHEETS_UNFINISHED, D(2027, 1, 12)) == 2  # 3 days before: one each
    assert sweep_at(s.SHEETS_UNFINISHED, D(2027, 1, 13)) == 0
    first = Reminder.objects.get(kind="assessment.sheets_unfinished", recipient=reviewers[0])
    assert (first.subject, first.organization, first.due_on) == (
        scheme,
        world.street_committee1,
        DEADLINE,
    )
    assert first.period == f"2027-01-15:{reviewers[0].pk}"
    # reviewer 1: work misses B and C, conduct misses A, B and C
    assert first.params == {"scheme": scheme.name, "count": 5, "deadline": "2027-01-15"}
    assert scheme.name in first.message
    second = Reminder.objects.get(kind="assessment.sheets_unfinished", recipient=reviewers[1])
    assert second.params["count"] == 3


def test_a_reviewer_s_reminder_closes_when_their_scores_are_given(
    world, scheme_parts, reviewers, sweep_at
):
    scheme, work, conduct = scheme_parts
    assert sweep_at(s.SHEETS_UNFINISHED, D(2027, 1, 12)) == 2
    for organization in (world.branch_a, world.branch_b, world.branch_c):
        give_score(scheme, organization, conduct, 8)
    # reviewer 2 is done; reviewer 1 still misses the work scores
    assert sweep_at(s.SHEETS_UNFINISHED, D(2027, 1, 13)) == 0
    assert states("assessment.sheets_unfinished") == [
        ("reviewer_1", ReminderState.OPEN),
        ("reviewer_2", ReminderState.DONE),
    ]
    for organization in (world.branch_a, world.branch_b, world.branch_c):
        give_score(scheme, organization, work, 30)
    assert sweep_at(s.SHEETS_UNFINISHED, D(2027, 1, 14)) == 0
    assert states("assessment.sheets_unfinished") == [
        ("reviewer_1", ReminderState.DONE),
        ("reviewer_2", ReminderState.DONE),
    ]


def test_the_days_before_the_deadline_are_the_admin_s_figure(scheme_parts, sweep_at):
    Policy.objects.update_or_create(key=s.REMIND_DAYS_BEFORE_DEADLINE.key, defaults={"value": 5})
    assert sweep_at(s.SHEETS_UNFINISHED, D(2027, 1, 9)) == 0  # 6 days before
    assert sweep_at(s.SHEETS_UNFINISHED, D(2027, 1, 10)) == 2  # 5 days before


def test_no_reviewer_reminder_for_a_draft_or_after_the_deadline(scheme_parts, sweep_at):
    scheme, _, _ = scheme_parts
    scheme.state = SchemeState.DRAFT
    scheme.save()
    assert sweep_at(s.SHEETS_UNFINISHED, D(2027, 1, 13)) == 0
    scheme.state = SchemeState.OPEN
    scheme.save()
    assert sweep_at(s.SHEETS_UNFINISHED, D(2027, 1, 15)) == 2  # the deadline day itself
    # the sheets lock after the deadline: the reviewers' reminders close
    assert sweep_at(s.SHEETS_UNFINISHED, D(2027, 1, 16)) == 0
    assert {state for _, state in states("assessment.sheets_unfinished")} == {ReminderState.DONE}


def test_the_street_is_reminded_once_the_deadline_has_passed_until_published(
    world, scheme_parts, street_staff, sweep_at
):
    scheme, _, _ = scheme_parts
    assert sweep_at(s.DEADLINE_PASSED, D(2027, 1, 15)) == 0  # the deadline day: still open
    assert sweep_at(s.DEADLINE_PASSED, D(2027, 1, 16)) == 1
    assert sweep_at(s.DEADLINE_PASSED, D(2027, 1, 17)) == 0
    reminder = Reminder.objects.get(kind="assessment.deadline_passed")
    assert (reminder.recipient, reminder.organization, reminder.period) == (
        street_staff,
        world.street_committee1,
        "2027-01-15",
    )
    # branches A, B and C miss every score (nothing computed yet)
    assert reminder.params == {"scheme": scheme.name, "count": 3, "deadline": "2027-01-15"}
    scheme.state = SchemeState.PUBLISHED
    scheme.save()
    assert sweep_at(s.DEADLINE_PASSED, D(2027, 1, 18)) == 0
    assert Reminder.objects.get(kind="assessment.deadline_passed").state == ReminderState.DONE


def test_no_street_reminder_when_every_sheet_is_finished(
    world, scheme_parts, street_staff, sweep_at
):
    scheme, work, conduct = scheme_parts
    computed = scheme.indicators.exclude(pk__in=[work.pk, conduct.pk]).get()
    for organization in (world.branch_a, world.branch_b, world.branch_c):
        for indicator in (computed, work, conduct):
            give_score(scheme, organization, indicator, 5)
    assert sweep_at(s.DEADLINE_PASSED, D(2027, 1, 16)) == 0


def _queries(due, day: D) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        found = due(day)
    return len(found), len(queries)


def test_the_rules_ask_the_same_queries_for_more_organizations_and_reviewers(world, scheme_parts):
    scheme, _, _ = scheme_parts
    small = _queries(s.sheets_unfinished_due, D(2027, 1, 12))
    passed_small = _queries(s.deadline_passed_due, D(2027, 1, 16))
    for _ in range(5):
        branch(world.community1)
    for _ in range(3):
        add_indicator(scheme, "其他", weight=0, max_score=5, reviewers=[UserFactory()])
    large = _queries(s.sheets_unfinished_due, D(2027, 1, 12))
    passed_large = _queries(s.deadline_passed_due, D(2027, 1, 16))
    # 2 then 5 reviewers reminded; one street either way
    assert (small[0], large[0], passed_small[0], passed_large[0]) == (2, 5, 1, 1)
    assert (small[1], passed_small[1]) == (large[1], passed_large[1])

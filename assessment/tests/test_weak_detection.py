"""Detection of weak and lax organizations: each criterion at its boundary (the day before
and the day it is met), criteria switched off, and a query count that does not grow with the
number of branches."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import Exemption
from activities.tests.factories import ActivityFactory, activity_type
from assessment.selectors.weak import reason_text, weak_candidates
from assessment.tests.support.metrics import only_required
from assessment.tests.support.weak import (
    D,
    full_members,
    only,
    published_year,
    secretary,
)
from organizations.tests.factories import branch

pytestmark = pytest.mark.django_db


def codes(found, organization):
    return [reason["code"] for reason in found.get(organization.pk, [])]


def test_no_secretary_flagged_on_the_day_six_months_are_reached(world):
    street = world.street_committee1
    only(street, "check_secretary")
    for org in (world.branch_b, world.branch_c):
        secretary(org)
    secretary(world.branch_a, ended_on=D(2026, 2, 28))  # vacant since 2026-03-01
    assert weak_candidates(street, D(2026, 8, 31)) == {}
    found = weak_candidates(street, D(2026, 9, 1))
    assert list(found) == [world.branch_a.pk]
    reason = found[world.branch_a.pk][0]
    assert reason == {"code": "no_secretary", "since": "2026-03-01", "months": 6}
    assert "2026-03-01" in reason_text(reason)


def test_a_secretary_in_office_or_a_young_branch_is_not_flagged(world):
    street = world.street_committee1
    only(street, "check_secretary", months_without_secretary=3)
    secretary(world.branch_a, ended_on=D(2026, 2, 28))
    secretary(world.branch_a, started_on=D(2026, 5, 1))
    world.branch_b.established_on = D(2026, 4, 1)
    world.branch_b.save()
    found = weak_candidates(street, D(2026, 6, 30))
    assert world.branch_a.pk not in found
    assert world.branch_b.pk not in found  # established 3 months minus a day ago
    assert codes(weak_candidates(street, D(2026, 7, 1)), world.branch_b) == ["no_secretary"]
    # branch C has no secretary on record and no founding date
    assert found[world.branch_c.pk][0]["since"] is None


def test_fewer_full_members_than_the_minimum(world):
    street = world.street_committee1
    only(street, "check_members")
    full_members(world.branch_a, 3)
    full_members(world.branch_b, 2)
    full_members(world.branch_b, 1, full_on=D(2026, 6, 2))  # full from the day after
    full_members(world.branch_c, 3)
    found = weak_candidates(street, D(2026, 6, 1))
    assert list(found) == [world.branch_b.pk]
    assert found[world.branch_b.pk] == [{"code": "few_full_members", "full": 2, "minimum": 3}]
    assert weak_candidates(street, D(2026, 6, 2)) == {}


def meeting(organization, day):
    return ActivityFactory(
        organization=organization,
        activity_type=activity_type("branch_general_meeting"),
        held_on=day,
    )


def test_a_quarter_with_no_required_meeting_held(world):
    """Quarterly branch general meetings only: A held Q2 2026, B was exempt, C held none."""
    street = world.street_committee1
    only(street, "check_meetings")
    only_required("branch_general_meeting")
    meeting(world.branch_a, D(2026, 6, 30))
    Exemption.objects.create(
        organization=world.branch_b,
        activity_type=activity_type("branch_general_meeting"),
        starts_on=D(2026, 4, 1),
        ends_on=D(2026, 6, 30),
        reason="换届",
    )
    assert weak_candidates(street, D(2026, 6, 30)).keys() == {
        world.branch_a.pk,
        world.branch_b.pk,
        world.branch_c.pk,
    }  # the last quarter ended is Q1, when none was held
    found = weak_candidates(street, D(2026, 7, 1))
    assert list(found) == [world.branch_c.pk]
    reason = found[world.branch_c.pk][0]
    assert reason["quarters"] == [{"quarter": "2026-Q2", "missing": 1, "required": 1}]
    assert "2026-Q2" in reason_text(reason)


def test_two_quarters_running(world):
    street = world.street_committee1
    only(street, "check_meetings", quarters_of_missing_meetings=2)
    only_required("branch_general_meeting")
    meeting(world.branch_a, D(2026, 2, 1))  # Q1 held, Q2 missing
    found = weak_candidates(street, D(2026, 7, 1))
    assert world.branch_a.pk not in found
    assert [q["quarter"] for q in found[world.branch_c.pk][0]["quarters"]] == [
        "2026-Q2",
        "2026-Q1",
    ]


def test_last_in_its_community_two_years_running(world):
    street = world.street_committee1
    only(street, "check_results")
    a, b, c = world.branch_a, world.branch_b, world.branch_c
    published_year(street, 2024, {a: 1, b: 2, c: 3})
    assert weak_candidates(street, D(2026, 1, 1)) == {}  # one year only
    published_year(street, 2025, {a: 1, b: 3, c: 2})
    found = weak_candidates(street, D(2026, 1, 1))
    # C is alone in its community: never "last"; A was first in 2025
    assert list(found) == [b.pk]
    assert found[b.pk][0]["years"] == [2025, 2024]
    assert weak_candidates(street, D(2025, 12, 31)) == {}  # the 2025 scheme not yet over


def test_switched_off_criteria_flag_nothing(world):
    street = world.street_committee1
    only(street, "none")
    assert weak_candidates(street, D(2026, 9, 1)) == {}


def test_defaults_without_criteria_check_everything(world):
    found = weak_candidates(world.street_committee1, D(2026, 9, 1))
    assert codes(found, world.branch_a)[:1] == ["no_secretary"]
    assert "few_full_members" in codes(found, world.branch_a)
    assert world.branch_d.pk not in found  # another street


def _queries(street, on) -> int:
    with CaptureQueriesContext(connection) as ctx:
        weak_candidates(street, on)
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_branches(world):
    street = world.street_committee1
    a, b, c = world.branch_a, world.branch_b, world.branch_c
    published_year(street, 2024, {a: 1, b: 2, c: 3})
    published_year(street, 2025, {a: 1, b: 2, c: 3})
    few = _queries(street, D(2026, 9, 1))
    for n in range(6):
        org = branch(world.community1, name=f"新支部{n}")
        full_members(org, 2)
        secretary(org, ended_on=D(2025, 1, 1))
    assert _queries(street, D(2026, 9, 1)) == few
    assert few <= 14

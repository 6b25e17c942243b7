"""The activity-type mix: held activities per category and form, shares, the reading share,
periods, scoping, and one query."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import ActivityStatus
from activities.selectors import mix
from activities.tests.support.activities import counts, held
from organizations.models import Organization


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00")


def test_counts_and_shares_per_category_and_form(world):
    held(world.branch_a, "branch_general_meeting", "reading")
    held(world.branch_a, "themed_party_day", "reading")
    held(world.branch_a, "party_lesson", "lecture")
    held(world.branch_a, "volunteer_service", "practice")
    held(world.branch_a, "pairing", "practice", status=ActivityStatus.PLANNED)
    result = mix.type_mix(
        Organization.objects.filter(pk=world.branch_a.pk),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 12, 31),
    )
    assert result.total == 4
    assert counts(result.categories) == {"meeting": 1, "study": 2, "service": 1}
    assert counts(result.forms) == {"reading": 2, "lecture": 1, "practice": 1}
    assert result.reading == 2 and result.reading_share == 0.5 and result.reading_percent == 50
    assert result.service == 1 and result.service_percent == 25
    study = next(row for row in result.categories if row.code == "study")
    assert study.share == 0.5 and study.percent == 50
    assert [row.code for row in result.categories] == [
        "meeting",
        "study",
        "service",
        "co_building",
        "culture",
        "other",
    ]


def test_no_activity_gives_no_share(world):
    result = mix.type_mix(
        Organization.objects.none(), datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)
    )
    assert result.total == 0 and result.reading_share is None
    assert all(row.share is None and row.percent == 0 for row in result.forms)


def test_a_quarter_runs_from_its_first_to_its_last_day(world, secretary_a):
    held(world.branch_a, day=datetime.date(2026, 9, 30))
    held(world.branch_a, day=datetime.date(2026, 10, 1))
    held(world.branch_a, day=datetime.date(2026, 12, 31), status=ActivityStatus.PLANNED)
    held(world.branch_a, day=datetime.date(2025, 12, 31))
    assert mix.type_mix_for(secretary_a, year=2026, quarter=3).total == 1
    assert mix.type_mix_for(secretary_a, year=2026, quarter=4).total == 1
    assert mix.type_mix_for(secretary_a, year=2026).total == 2
    assert mix.type_mix_for(secretary_a).total == 2  # this year
    assert mix.period_bounds(2026, 4) == (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
    assert mix.period_bounds(2026, 1) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))


def test_the_mix_is_scoped_and_follows_an_organization_down(world, secretary_a, community_staff):
    held(world.branch_a)
    held(world.group_a, "party_group_meeting")
    held(world.branch_b)
    held(world.branch_c)
    assert mix.type_mix_for(secretary_a).total == 2
    assert mix.type_mix_for(community_staff).total == 3
    assert mix.type_mix_for(community_staff, organization=world.branch_a).total == 2


def test_the_mix_per_organization(world, community_staff):
    held(world.branch_a, form="reading")
    held(world.branch_a, "volunteer_service", "practice")
    held(world.branch_b, form="discussion")
    rows = mix.type_mix_by_organization(community_staff)
    assert [(r.id, r.mix.total, r.mix.reading_percent) for r in rows] == [
        (world.branch_a.pk, 2, 50),
        (world.branch_b.pk, 1, 0),
    ]


def test_the_mix_is_one_query_whatever_the_number(world, community_staff):
    from organizations import scoping

    scoping.scope_for(community_staff)
    sizes = []
    for n in (1, 5):
        for _ in range(n):
            held(world.branch_a)
            held(world.branch_b, "volunteer_service", "practice")
        with CaptureQueriesContext(connection) as queries:
            mix.type_mix_for(community_staff)
            mix.type_mix_by_organization(community_staff)
        sizes.append(len(queries))
    assert sizes == [2, 2]


def test_the_dashboard_summary_is_a_small_dict(world, secretary_a):
    held(world.branch_a, form="reading")
    held(world.branch_a, "volunteer_service", "practice")
    summary = mix.type_mix_summary_for(secretary_a)
    assert summary["total"] == 2 and summary["reading_share"] == 0.5
    assert summary["categories"]["service"] == {"count": 1, "share": 0.5}
    assert summary["forms"]["reading"]["count"] == 1
    assert summary["start"] == datetime.date(2026, 1, 1)

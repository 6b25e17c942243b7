"""The demo appraisals (assessment/demo/appraisals.py) as ``seed_demo`` leaves them: last
year's decided and confirmed in every branch with members, linked to the year's 民主评议党员
meeting where the activities demo recorded one, one member graded 不合格 per street with a follow-up, and this year's
appraisal of one branch open; seeding again writes nothing."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from activities.models import Activity, ActivityStatus
from assessment.models import Appraisal, AppraisalFollowUp, AppraisalState
from conftest import built_once
from organizations.models import Organization, OrgKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, members_per_street=120, allow_without_debug=True)
    return out.getvalue()


seeded = built_once(seed)


def _streets() -> int:
    return Organization.objects.filter(kind=OrgKind.STREET_COMMITTEE).count()


def test_last_years_appraisals_are_decided_confirmed_and_counted_as_the_meeting():
    year = timezone.localdate().year - 1
    last = list(Appraisal.objects.filter(year=year).select_related("activity"))
    assert last and all(a.state == AppraisalState.CONFIRMED for a in last)
    for appraisal in last:
        assert appraisal.meeting_date.year == year and appraisal.confirmed_by_id
        if appraisal.activity is not None:  # recorded by the activities demo: linked
            assert appraisal.activity.held_on == appraisal.meeting_date
            assert appraisal.activity.status == ActivityStatus.HELD
            assert appraisal.activity.activity_type.code == "democratic_appraisal"
    held = Activity.objects.filter(
        activity_type__code="democratic_appraisal", held_on__year=year, status="held"
    ).values_list("organization_id", flat=True)
    linked = {a.organization_id for a in last if a.activity_id}
    assert linked == {pk for pk in held if pk in {a.organization_id for a in last}}
    # every member graded; a small branch may grade all its members 优秀 (the demo's votes are
    # drawn by branch), so 合格 is looked for across the street's branches
    graded = {a.pk: set(a.entries.values_list("grade__code", flat=True)) for a in last}
    assert all(codes and None not in codes for codes in graded.values())
    assert "qualified" in set().union(*graded.values())


def test_one_member_per_street_is_graded_unqualified_and_followed_up():
    follow_ups = list(AppraisalFollowUp.objects.select_related("entry__grade"))
    assert len(follow_ups) == _streets()
    for follow_up in follow_ups:
        assert follow_up.entry.grade.is_failing and follow_up.measures and follow_up.deadline
        assert follow_up.is_closed == (follow_up.deadline < timezone.localdate())


def test_this_years_appraisal_of_one_branch_per_street_is_open():
    this = Appraisal.objects.filter(year=timezone.localdate().year)
    assert this.count() == _streets()
    assert all(a.state == AppraisalState.OPEN and a.entries.exists() for a in this)
    assert this.first().entries.exclude(self_assessment="").exists()


def test_a_second_run_writes_no_appraisal():
    before = Appraisal.objects.count()
    seed()
    assert Appraisal.objects.count() == before

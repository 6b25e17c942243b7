"""The census figures and the lists to act on, at their boundaries, scoped, and with a fixed
number of queries whatever the size. Today is 2025-06-15."""

import datetime
from decimal import Decimal

import pytest
from django.db.models.functions import TruncDate

from members.dates import add_months
from members.models import (
    DuesRecord,
    Member,
    TrainingAttendance,
    TrainingCourse,
    TrainingSession,
    TransferState,
)
from members.selectors.mobile import (
    LifeSign,
    census_for,
    drifting_members_for,
    mobile_records_for,
    not_contacted_q,
    permit_expired_q,
    permit_expiring_q,
    pocket_transfers_for,
    should_transfer_q,
    signs,
    thresholds,
)
from members.tests.factories import MemberFactory
from members.tests.support.mobile import (
    NOW,
    TODAY,
    D,
    contact,
    incoming,
    outgoing,
    transfer_out,
)
from policies.models import Policy


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(NOW)


def listed(user, q) -> set[int]:
    return set(mobile_records_for(user).filter(q).values_list("pk", flat=True))


def days_ago(n: int) -> D:
    return TODAY - datetime.timedelta(days=n)


# not contacted for 90 days: listed from the day the last contact is 90 days old


def test_a_contact_89_days_ago_is_not_listed_and_90_days_ago_is(world, secretary_a):
    recent, old = outgoing(world.branch_a), outgoing(world.branch_a)
    contact(recent, days_ago(89), secretary_a)
    contact(old, days_ago(90), secretary_a)
    assert listed(secretary_a, not_contacted_q(thresholds())) == {old.pk}


def test_without_any_contact_the_clock_starts_when_the_member_went_away(world, secretary_a):
    new = outgoing(world.branch_a, away_since=days_ago(89))
    old = incoming(world.branch_a, away_since=days_ago(90))
    assert listed(secretary_a, not_contacted_q(thresholds())) == {old.pk}
    assert new.pk not in listed(secretary_a, not_contacted_q(thresholds()))


def test_a_contact_that_did_not_reach_the_member_does_not_count(world, secretary_a):
    record = outgoing(world.branch_a, away_since=days_ago(200))
    contact(record, days_ago(3), secretary_a, reached=False)
    assert listed(secretary_a, not_contacted_q(thresholds())) == {record.pk}


def test_the_contact_period_follows_the_admins_figure(world, secretary_a):
    record = outgoing(world.branch_a)
    contact(record, days_ago(60), secretary_a)
    assert listed(secretary_a, not_contacted_q(thresholds())) == set()
    Policy.objects.update_or_create(
        key="reminders.mobile_not_contacted_days", defaults={"value": 60}
    )
    assert listed(secretary_a, not_contacted_q(thresholds())) == {record.pk}


def test_an_ended_record_is_never_listed(world, secretary_a):
    outgoing(world.branch_a, away_since=days_ago(300), ended_on=days_ago(1), end_reason="left")
    assert listed(secretary_a, not_contacted_q(thresholds())) == set()


# permits: valid through their last day


def test_a_permit_is_expired_from_the_day_after_its_last_day(world, secretary_a):
    last_day = outgoing(world.branch_a, permit_issued_on=D(2024, 6, 15), permit_valid_until=TODAY)
    expired = outgoing(
        world.branch_a, permit_issued_on=D(2024, 6, 14), permit_valid_until=days_ago(1)
    )
    limits = thresholds()
    assert listed(secretary_a, permit_expired_q(limits)) == {expired.pk}
    assert last_day.pk in listed(secretary_a, permit_expiring_q(limits))


def test_a_permit_expiring_within_30_days_is_listed_and_31_is_not(world, secretary_a):
    in_30 = outgoing(
        world.branch_a, permit_issued_on=D(2025, 1, 1), permit_valid_until=D(2025, 7, 15)
    )
    outgoing(world.branch_a, permit_issued_on=D(2025, 1, 1), permit_valid_until=D(2025, 7, 16))
    assert listed(secretary_a, permit_expiring_q(thresholds())) == {in_30.pk}


# should transfer: at a fixed place six months or more


def test_away_six_months_to_the_day_at_a_fixed_place_should_transfer(world, secretary_a):
    six = outgoing(world.branch_a, fixed_place=True, away_since=add_months(TODAY, -6))
    outgoing(
        world.branch_a,
        fixed_place=True,
        away_since=add_months(TODAY, -6) + datetime.timedelta(days=1),
    )
    outgoing(world.branch_a, fixed_place=False, away_since=D(2024, 1, 1))
    assert listed(secretary_a, should_transfer_q(thresholds())) == {six.pk}


# drifting: no sign of organized life for six months


@pytest.fixture
def long_standing(world):
    """A member of branch A since 2005 (the factory's date)."""
    return MemberFactory(organization=world.branch_a)


def drifting_ids(user, **kwargs) -> set[int]:
    return set(drifting_members_for(user, **kwargs).values_list("pk", flat=True))


def paid(member, day: D) -> None:
    DuesRecord.objects.create(
        member=member,
        month=day.replace(day=1),
        category="employed",
        income=Decimal("4000"),
        expected=Decimal("40"),
        paid=Decimal("40"),
        paid_on=day,
    )


def test_dues_paid_six_months_ago_to_the_day_is_drifting_and_a_day_later_is_not(
    world, secretary_a, long_standing
):
    other = MemberFactory(organization=world.branch_a)
    paid(long_standing, D(2024, 12, 15))  # 2025-06-15 minus 6 months
    paid(other, D(2024, 12, 16))
    assert drifting_ids(secretary_a) == {long_standing.pk}


def test_a_training_attended_or_a_contact_is_a_sign_of_organized_life(
    world, secretary_a, long_standing
):
    trained = MemberFactory(organization=world.branch_a)
    contacted = MemberFactory(organization=world.branch_a)
    course = TrainingCourse.objects.create(
        organization=world.branch_a,
        level="branch",
        title="党课",
        starts_on=D(2025, 1, 1),
        ends_on=D(2025, 12, 31),
        planned_hours=Decimal("8"),
    )
    session = TrainingSession.objects.create(
        course=course, held_on=D(2025, 3, 1), topic="x", hours=Decimal("2")
    )
    TrainingAttendance.objects.create(session=session, member=trained, hours=Decimal("2"))
    contact(outgoing(member=contacted), D(2025, 5, 1), secretary_a)
    unreached = MemberFactory(organization=world.branch_a)
    contact(outgoing(member=unreached), D(2025, 5, 1), secretary_a, reached=False)
    assert drifting_ids(secretary_a) == {long_standing.pk, unreached.pk}


def test_a_member_for_less_than_six_months_is_not_drifting(world, secretary_a):
    MemberFactory(
        organization=world.branch_a,
        status="probationary",
        joined_on=D(2024, 12, 16),
        full_member_on=None,
    )
    assert drifting_ids(secretary_a) == set()


def test_members_who_left_the_roll_or_of_other_branches_are_not_listed(world, secretary_a):
    MemberFactory(organization=world.branch_a, left_on=D(2025, 1, 1), left_reason="转出")
    MemberFactory(organization=world.branch_b)
    assert drifting_ids(secretary_a) == set()


def test_another_app_adds_a_sign_of_organized_life(world, secretary_a, long_standing, monkeypatch):
    """The activities app will register its attendance like this, from its ready()."""
    assert drifting_ids(secretary_a) == {long_standing.pk}
    monkeypatch.setattr(signs, "_life_signs", dict(signs._life_signs))
    # stands in for an attendance table: every member "took part" when last saved (today)
    signs.register_life_sign(
        LifeSign(
            "meeting",
            "last meeting",
            lambda: Member.objects.annotate(seen_on=TruncDate("updated_at")),
            "pk",
            "seen_on",
        )
    )
    assert drifting_ids(secretary_a) == set()


# pocket members


def test_letters_to_outside_organizations_expired_without_receipt_are_listed(world, secretary_a):
    def member_a():
        return MemberFactory(organization=world.branch_a)

    lapsed = transfer_out(member_a(), secretary_a)
    expired = transfer_out(member_a(), secretary_a, state=TransferState.EXPIRED)
    transfer_out(member_a(), secretary_a, valid_until=TODAY)
    transfer_out(member_a(), secretary_a, receipt_on=D(2025, 4, 1), state=TransferState.RECEIPTED)
    transfer_out(member_a(), secretary_a, to_organization=world.branch_c)
    transfer_out(MemberFactory(organization=world.branch_b), secretary_a)
    ids = set(pocket_transfers_for(secretary_a).values_list("pk", flat=True))
    assert ids == {lapsed.pk, expired.pk}


# the census


@pytest.fixture
def both_branches(world):
    outgoing(world.branch_a, category="migrant_worker")
    incoming(world.branch_a, category="retiree")
    outgoing(world.branch_b, category="migrant_worker", away_since=D(2024, 1, 1))
    outgoing(world.branch_b, ended_on=D(2025, 5, 1), end_reason="returned")


def test_a_secretary_counts_only_the_branch(world, secretary_a, both_branches):
    census = census_for(secretary_a)
    assert [row.id for row in census.rows] == [world.branch_a.pk]
    assert (census.totals.open, census.totals.outgoing, census.totals.incoming) == (2, 1, 1)
    by_category = {c[0]: c[2:] for c in census.categories}
    assert by_category["migrant_worker"] == (1, 0, 1)
    assert by_category["retiree"] == (0, 1, 1)


def test_street_staff_count_every_branch_and_narrow_to_one(world, street_staff, both_branches):
    census = census_for(street_staff)
    assert {row.id: row.open for row in census.rows} == {
        world.branch_a.pk: 2,
        world.branch_b.pk: 1,
    }
    assert census.totals.not_contacted == 3  # nobody contacted, all away 90 days or more
    narrowed = census_for(street_staff, organization=world.branch_b)
    assert [row.id for row in narrowed.rows] == [world.branch_b.pk]
    assert narrowed.totals.open == 1


def test_the_census_counts_drifting_and_pocket_cases_per_branch(world, street_staff, secretary_a):
    transfer_out(MemberFactory(organization=world.branch_b), secretary_a)
    MemberFactory(organization=world.branch_a)
    census = census_for(street_staff)
    rows = {row.id: (row.drifting, row.pocket) for row in census.rows}
    assert rows == {world.branch_a.pk: (1, 0), world.branch_b.pk: (1, 1)}


def test_another_streets_staff_see_nothing(world, other_street_staff, both_branches):
    assert census_for(other_street_staff).rows == []


def grow(world, by, n: int) -> None:
    for i in range(n):
        record = outgoing(world.branch_a if i % 2 else world.branch_b, away_since=D(2024, 1, 1))
        contact(record, D(2024, 12, 1), by)  # over six months ago: drifting
        transfer_out(record.member, by)


@pytest.mark.parametrize("size", [1, 6])
def test_the_census_takes_the_same_queries_whatever_the_size(
    world, street_staff, secretary_a, django_assert_num_queries, size
):
    grow(world, secretary_a, size)
    # scope (2), figures in force, by category, by organization, drifting, pocket
    with django_assert_num_queries(7):
        census = census_for(street_staff)
    assert census.totals.open == census.totals.pocket == census.totals.drifting == size

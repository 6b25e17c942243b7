"""Collection rates, arrears and long arrears, as the pages and dashboards read them."""

import datetime
from decimal import Decimal as D

import pytest

from members.dues_table import add_months
from members.models import DuesRecord
from members.selectors.dues import (
    dues_arrears_for,
    dues_collection_for,
    dues_overview_for,
    members_with_long_arrears_for,
)
from members.tests.factories import MemberFactory

MAY = datetime.date(2025, 5, 1)
JUNE = datetime.date(2025, 6, 1)


@pytest.fixture(autouse=True)
def _mid_june(time_machine):
    time_machine.move_to("2025-06-15 09:00 +08:00")


def record(member, month, paid_on=None):
    return DuesRecord.objects.create(
        member=member,
        month=month,
        category="employed",
        income=D("4000"),
        expected=D("40"),
        paid=D("40") if paid_on else D("0"),
        paid_on=paid_on,
    )


def test_collection_rate_counts_paid_by_the_end_of_the_month_and_paid_at_all(world, secretary_a):
    members = MemberFactory.create_batch(4, organization=world.branch_a)
    record(members[0], MAY, datetime.date(2025, 5, 3))
    record(members[1], MAY, datetime.date(2025, 5, 31))
    record(members[2], MAY, datetime.date(2025, 6, 2))  # made up
    record(members[3], MAY)
    [row] = dues_collection_for(secretary_a, months=[MAY])
    assert (row["total"], row["on_time"], row["paid"]) == (4, 2, 3)
    months, rows = dues_overview_for(secretary_a)
    cell = rows[0]["cells"][months.index(MAY)]
    assert (cell.on_time_rate, cell.paid_rate) == (50.0, 75.0)
    assert rows[0]["cells"][months.index(JUNE)].on_time_rate is None


def test_the_overview_has_twelve_months_and_one_row_per_branch_in_scope(world, community_staff):
    record(MemberFactory(organization=world.branch_a), MAY)
    record(MemberFactory(organization=world.branch_b), MAY)
    record(MemberFactory(organization=world.branch_c), MAY)  # another community
    months, rows = dues_overview_for(community_staff)
    assert months[0] == datetime.date(2024, 7, 1) and months[-1] == JUNE
    # the community committee may hold members of its own, so it has a row too
    assert [r["id"] for r in rows] == [world.community1.pk, world.branch_a.pk, world.branch_b.pk]
    assert [sum(c.total for c in r["cells"]) for r in rows] == [0, 1, 1]


def test_arrears_count_the_unpaid_past_months_and_give_the_oldest(world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    record(member, datetime.date(2025, 3, 1))
    record(member, datetime.date(2025, 4, 1), datetime.date(2025, 4, 9))
    record(member, MAY)
    record(member, JUNE)  # this month is not yet in arrears
    MemberFactory(organization=world.branch_a)  # no records, no arrears
    [row] = dues_arrears_for(secretary_a)
    assert (row.arrears_count, row.oldest_unpaid) == (2, datetime.date(2025, 3, 1))


def test_members_with_six_months_of_arrears_are_flagged_and_five_are_not(world, secretary_a):
    six = MemberFactory(organization=world.branch_a)
    five = MemberFactory(organization=world.branch_a)
    for n in range(1, 7):
        record(six, add_months(JUNE, -n))
    for n in range(1, 6):
        record(five, add_months(JUNE, -n))
    assert list(members_with_long_arrears_for(secretary_a)) == [six]
    assert set(dues_arrears_for(secretary_a)) == {six, five}


def test_arrears_of_another_branch_are_not_listed(world, secretary_b):
    record(MemberFactory(organization=world.branch_a), MAY)
    assert not dues_arrears_for(secretary_b).exists()


def test_a_transferred_member_leaves_past_dues_with_the_old_branch(
    world, secretary_a, secretary_b, street_staff
):
    # Paid March in A, left April unpaid in A, then moved to B by a relation transfer:
    # March's payment and April's arrears stay in A's figures, none go to B's.
    from members.selectors.dues import dues_month_sheet_for, visible_dues_records_for
    from members.services.transfers import transfer_complete
    from members.tests.support.transfers import transfer_at

    march, april = datetime.date(2025, 3, 1), datetime.date(2025, 4, 1)
    member = MemberFactory(organization=world.branch_a)
    paid = record(member, march, datetime.date(2025, 3, 5))
    unpaid = record(member, april)
    assert paid.organization == unpaid.organization == world.branch_a
    transfer = transfer_at(
        member,
        "receipted",
        to=world.branch_b,
        letter_issued_on=datetime.date(2025, 5, 2),
        valid_until=datetime.date(2025, 8, 2),
        reported_on=datetime.date(2025, 5, 10),
        receipt_on=datetime.date(2025, 5, 15),
    )
    transfer_complete(actor=secretary_a, transfer=transfer, completed_on=datetime.date(2025, 5, 20))
    member.refresh_from_db()
    assert member.organization == world.branch_b

    rows = dues_collection_for(street_staff, months=[march])
    assert [(r["organization_id"], r["total"], r["paid"]) for r in rows] == [
        (world.branch_a.pk, 1, 1)
    ]
    months, overview = dues_overview_for(street_staff)
    march_cells = {r["id"]: r["cells"][months.index(march)] for r in overview}
    assert march_cells[world.branch_a.pk].paid_rate == 100.0
    assert march_cells[world.branch_b.pk].total == 0
    assert [r.member for r in dues_month_sheet_for(secretary_a, world.branch_a, march).records] == [
        member
    ]
    assert dues_month_sheet_for(secretary_b, world.branch_b, march).records == []
    assert not visible_dues_records_for(secretary_b).exists()
    [row] = dues_arrears_for(secretary_a)
    assert (row, row.arrears_count, row.arrears_organization_id) == (member, 1, world.branch_a.pk)
    assert not dues_arrears_for(secretary_b).exists()

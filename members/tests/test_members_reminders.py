"""The reminder rules of the members area, each through a sweep at the time it is due:
not on the day before, on the day, once only, and closed when the thing is done."""

import datetime
from decimal import Decimal

import pytest

from members.models import DuesRecord, MemberStatus, Stage
from members.reminders import members as m
from members.services.development import add_activist_review, make_candidate
from members.services.development.probation import confirm_full, extend_probation
from members.tests.factories import MemberFactory
from members.tests.support.development import record_at
from policies.models import Policy
from reminders import registry
from reminders.models import Reminder, ReminderState
from reminders.services.sweep import run_sweep

D = datetime.date


@pytest.fixture
def sweep_at(time_machine, monkeypatch):
    """Registers only the given rule, moves to the day at 9 o'clock and runs the sweep."""

    def sweep(rule, day: D):
        monkeypatch.setattr(registry, "_rules", {rule.kind: rule})
        time_machine.move_to(f"{day.isoformat()} 09:00 +08:00")
        return run_sweep().created_count

    return sweep


def one(kind: str) -> Reminder:
    return Reminder.objects.get(kind=kind)


def dues(member, month: D, paid: bool = False) -> DuesRecord:
    return DuesRecord.objects.create(
        member=member,
        month=month,
        category="employed",
        income=Decimal("4000"),
        expected=Decimal("40"),
        paid=Decimal("40") if paid else Decimal("0"),
        paid_on=month + datetime.timedelta(days=4) if paid else None,
    )


# dues.unpaid


@pytest.fixture
def may_ledger(world):
    """Branch A in May 2025: one member paid, one unpaid, one whose record is not opened."""
    paid, unpaid, not_opened = (MemberFactory(organization=world.branch_a) for _ in range(3))
    dues(paid, D(2025, 5, 1), paid=True)
    return dues(unpaid, D(2025, 5, 1)), not_opened


def test_unpaid_dues_remind_the_branch_once_from_the_20th(
    world, secretary_a, may_ledger, sweep_at, client
):
    assert sweep_at(m.DUES_UNPAID, D(2025, 5, 19)) == 0
    assert sweep_at(m.DUES_UNPAID, D(2025, 5, 20)) == 1
    assert sweep_at(m.DUES_UNPAID, D(2025, 5, 21)) == 0
    reminder = one("dues.unpaid")
    assert (reminder.subject, reminder.recipient, reminder.period) == (
        world.branch_a,
        secretary_a,
        "2025-05",
    )
    assert (reminder.params["count"], reminder.params["not_opened"]) == (2, 1)
    assert reminder.due_on == D(2025, 5, 31)
    client.force_login(secretary_a)
    assert reminder.url == f"/members/dues/{world.branch_a.pk}/2025-05/"
    assert client.get(reminder.url).status_code == 200


def test_unpaid_dues_reminder_closes_when_everyone_has_paid(
    world, secretary_a, may_ledger, sweep_at
):
    unpaid, not_opened = may_ledger
    sweep_at(m.DUES_UNPAID, D(2025, 5, 20))
    DuesRecord.objects.filter(pk=unpaid.pk).update(paid=Decimal("40"), paid_on=D(2025, 5, 22))
    dues(not_opened, D(2025, 5, 1), paid=True)
    assert sweep_at(m.DUES_UNPAID, D(2025, 5, 23)) == 0
    assert one("dues.unpaid").state == ReminderState.DONE


def test_branch_whose_members_all_paid_is_not_reminded(world, secretary_a, sweep_at):
    dues(MemberFactory(organization=world.branch_a), D(2025, 5, 1), paid=True)
    assert sweep_at(m.DUES_UNPAID, D(2025, 5, 25)) == 0


def test_members_off_the_roll_do_not_count_as_unpaid(world, secretary_a, sweep_at):
    dues(MemberFactory(organization=world.branch_a, left_on=D(2025, 4, 30)), D(2025, 5, 1))
    assert sweep_at(m.DUES_UNPAID, D(2025, 5, 25)) == 0


def test_the_day_unpaid_dues_are_reminded_is_admin_data(world, secretary_a, may_ledger, sweep_at):
    Policy.objects.update_or_create(key=m.DUES_UNPAID_FROM_DAY.key, defaults={"value": 25})
    assert sweep_at(m.DUES_UNPAID, D(2025, 5, 24)) == 0
    assert sweep_at(m.DUES_UNPAID, D(2025, 5, 25)) == 1


# dues.arrears_6_months


@pytest.fixture
def in_arrears(world):
    """Unpaid November 2024 to April 2025: the sixth unpaid month is past on 1 May 2025."""
    member = MemberFactory(organization=world.branch_a)
    for month in (D(2024, 11, 1), D(2024, 12, 1), *(D(2025, n, 1) for n in range(1, 5))):
        dues(member, month)
    return member


def test_arrears_remind_once_when_the_sixth_unpaid_month_is_past(
    world, secretary_a, in_arrears, sweep_at
):
    assert sweep_at(m.DUES_ARREARS, D(2025, 4, 30)) == 0
    assert sweep_at(m.DUES_ARREARS, D(2025, 5, 1)) == 1
    assert sweep_at(m.DUES_ARREARS, D(2025, 5, 2)) == 0
    reminder = one("dues.arrears_6_months")
    assert (reminder.subject, reminder.recipient, reminder.period) == (
        in_arrears,
        secretary_a,
        "2024-11",
    )
    assert reminder.params["count"] == 6
    assert reminder.due_on == D(2025, 5, 31)  # the last day to make up November


def test_arrears_reminder_closes_when_made_up_below_the_figure(
    world, secretary_a, in_arrears, sweep_at
):
    sweep_at(m.DUES_ARREARS, D(2025, 5, 1))
    DuesRecord.objects.filter(member=in_arrears, month=D(2024, 11, 1)).update(
        paid=Decimal("40"), paid_on=D(2025, 5, 3)
    )
    assert sweep_at(m.DUES_ARREARS, D(2025, 5, 4)) == 0
    assert one("dues.arrears_6_months").state == ReminderState.DONE


# development.review_due


@pytest.fixture
def activist(world):
    """Activist since 2024-04-01, reviewed on 2024-09-15: next review due 2025-03-15."""
    return record_at(world.branch_a, Stage.ACTIVIST, reviews=[D(2024, 9, 15)])


def test_review_reminder_comes_14_days_before_the_due_date_and_once(
    world, secretary_a, activist, sweep_at, client
):
    assert sweep_at(m.REVIEW_DUE, D(2025, 2, 28)) == 0
    assert sweep_at(m.REVIEW_DUE, D(2025, 3, 1)) == 1
    assert sweep_at(m.REVIEW_DUE, D(2025, 3, 20)) == 0  # overdue: still the same reminder
    reminder = one("development.review_due")
    assert (reminder.subject, reminder.period) == (activist, "2025-03-15")
    client.force_login(secretary_a)
    assert client.get(reminder.url).status_code == 200


def test_recording_the_review_closes_the_reminder_until_the_next_half_year(
    world, secretary_a, activist, sweep_at
):
    sweep_at(m.REVIEW_DUE, D(2025, 3, 1))
    add_activist_review(
        actor=secretary_a, record=activist, reviewed_on=D(2025, 3, 1), comment="表现良好"
    )
    assert sweep_at(m.REVIEW_DUE, D(2025, 3, 2)) == 0
    assert one("development.review_due").state == ReminderState.DONE
    assert sweep_at(m.REVIEW_DUE, D(2025, 8, 17)) == 0
    assert sweep_at(m.REVIEW_DUE, D(2025, 8, 18)) == 1  # 14 days before 2025-09-01


def test_first_review_is_due_six_months_after_becoming_an_activist(world, secretary_a, sweep_at):
    record_at(world.branch_a, Stage.ACTIVIST, reviews=[], activist_on=D(2024, 8, 31))
    assert sweep_at(m.REVIEW_DUE, D(2025, 2, 13)) == 0
    assert sweep_at(m.REVIEW_DUE, D(2025, 2, 14)) == 1  # due 2025-02-28
    assert one("development.review_due").period == "2025-02-28"


# development.activist_one_year


def test_activist_reaching_one_year_is_reminded_once_from_that_day(world, secretary_a, sweep_at):
    record = record_at(world.branch_a, Stage.ACTIVIST)  # activist since 2024-04-01
    assert sweep_at(m.ACTIVIST_ONE_YEAR, D(2025, 3, 31)) == 0
    assert sweep_at(m.ACTIVIST_ONE_YEAR, D(2025, 4, 1)) == 1
    assert sweep_at(m.ACTIVIST_ONE_YEAR, D(2025, 4, 2)) == 0
    reminder = one("development.activist_one_year")
    assert (reminder.subject, reminder.period, reminder.recipient) == (
        record,
        "2025-04-01",
        secretary_a,
    )


def test_becoming_a_candidate_closes_the_one_year_reminder(world, secretary_a, sweep_at):
    record = record_at(world.branch_a, Stage.ACTIVIST)
    sweep_at(m.ACTIVIST_ONE_YEAR, D(2025, 4, 1))
    make_candidate(actor=secretary_a, record=record, candidate_on=D(2025, 4, 1))
    assert sweep_at(m.ACTIVIST_ONE_YEAR, D(2025, 4, 2)) == 0
    assert one("development.activist_one_year").state == ReminderState.DONE


# development.probation_ending


@pytest.fixture
def probationary(world):
    """Admitted 2025-06-01: probation ends 2026-06-01, reminded from 2026-05-02."""
    return record_at(world.branch_a, Stage.PROBATIONARY)


def test_probation_ending_is_reminded_30_days_ahead_and_once(
    world, secretary_a, probationary, sweep_at, client
):
    assert sweep_at(m.PROBATION_ENDING, D(2026, 5, 1)) == 0
    assert sweep_at(m.PROBATION_ENDING, D(2026, 5, 2)) == 1
    assert sweep_at(m.PROBATION_ENDING, D(2026, 6, 5)) == 0  # ended, no decision yet
    reminder = one("development.probation_ending")
    assert (reminder.subject, reminder.period) == (probationary.member, "2026-06-01")
    assert reminder.url == f"/members/development/{probationary.pk}/"
    client.force_login(secretary_a)
    assert client.get(reminder.url).status_code == 200


def test_full_membership_closes_the_probation_reminder(world, secretary_a, probationary, sweep_at):
    sweep_at(m.PROBATION_ENDING, D(2026, 6, 1))
    confirm_full(actor=secretary_a, record=probationary, decided_on=D(2026, 6, 1))
    assert sweep_at(m.PROBATION_ENDING, D(2026, 6, 2)) == 0
    assert one("development.probation_ending").state == ReminderState.DONE


def test_an_extension_closes_the_reminder_and_its_end_is_reminded_again(
    world, secretary_a, probationary, sweep_at
):
    sweep_at(m.PROBATION_ENDING, D(2026, 6, 1))
    extend_probation(actor=secretary_a, record=probationary, decided_on=D(2026, 6, 1), months=6)
    assert sweep_at(m.PROBATION_ENDING, D(2026, 6, 2)) == 0
    assert one("development.probation_ending").state == ReminderState.DONE
    assert sweep_at(m.PROBATION_ENDING, D(2026, 10, 31)) == 0
    assert sweep_at(m.PROBATION_ENDING, D(2026, 11, 1)) == 1  # 30 days before 2026-12-01
    assert Reminder.objects.get(state=ReminderState.OPEN).period == "2026-12-01"


def test_probationary_member_without_a_record_counts_from_joining(
    world, secretary_a, sweep_at, client
):
    member = MemberFactory(
        organization=world.branch_a,
        status=MemberStatus.PROBATIONARY,
        joined_on=D(2025, 7, 15),
        full_member_on=None,
    )
    assert sweep_at(m.PROBATION_ENDING, D(2026, 6, 14)) == 0
    assert sweep_at(m.PROBATION_ENDING, D(2026, 6, 15)) == 1
    reminder = one("development.probation_ending")
    assert (reminder.subject, reminder.period) == (member, "2026-07-15")
    assert reminder.url == f"/members/{member.pk}/"
    client.force_login(secretary_a)
    assert client.get(reminder.url).status_code == 200
    member.status, member.full_member_on = MemberStatus.FULL, D(2026, 7, 15)
    member.save()
    assert sweep_at(m.PROBATION_ENDING, D(2026, 7, 16)) == 0
    assert one("development.probation_ending").state == ReminderState.DONE


# a few queries whatever the number of things due


def _build(world, n: int) -> None:
    for i in range(n):
        member = MemberFactory(organization=world.branch_a if i % 2 else world.branch_b)
        for k in range(7):
            dues(member, D(2024, 10 + k, 1) if k < 3 else D(2025, k - 2, 1))
        record_at(world.branch_a, Stage.ACTIVIST, reviews=[])
        record_at(world.branch_b, Stage.PROBATIONARY, probation_ends_on=D(2025, 5, 30))
        MemberFactory(
            organization=world.branch_a,
            status=MemberStatus.PROBATIONARY,
            joined_on=D(2024, 6, 1),
            full_member_on=None,
        )


@pytest.mark.parametrize("n", [2, 12])
@pytest.mark.parametrize(
    ("rule", "queries"),
    [
        (m.DUES_UNPAID, 3),  # the figure, the counts per organization, the organizations
        (m.DUES_ARREARS, 2),  # the figure, the members with their counts
        (m.REVIEW_DUE, 3),  # development figures, the lead figure, the records
        (m.ACTIVIST_ONE_YEAR, 2),  # development figures, the records
        (m.PROBATION_ENDING, 2),  # the figures, the members with their records
    ],
)
def test_each_rule_reads_what_is_due_in_a_fixed_number_of_queries(
    world, rule, queries, n, django_assert_num_queries
):
    _build(world, n)
    with django_assert_num_queries(queries):
        due = list(rule.due(D(2025, 5, 25)))
    assert len(due) >= (2 if rule is m.DUES_UNPAID else n)


def test_every_message_reads_its_parameters(world, english):
    _build(world, 1)
    for rule in m.RULES:
        due = list(rule.due(D(2025, 5, 25)))
        assert due, rule.kind
        for item in due:
            text = str(rule.message) % item.params  # a missing parameter raises KeyError
            assert item.params.get("name", item.params.get("organization")) in text

"""Opening a dues month, entering income, recording payments: the rules and what is refused."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests.factories import UserFactory
from members.models import DuesPayment, DuesRecord, EmploymentCategory
from members.services.dues import dues_income_set, dues_month_open, dues_payment_record
from members.tests.factories import MemberFactory
from organizations.models import Role
from organizations.tests.factories import PostFactory

# these tests read message texts: they run in English whatever the catalogue says
pytestmark = pytest.mark.usefixtures("english")

JUNE = datetime.date(2025, 6, 1)


@pytest.fixture(autouse=True)
def _mid_june(time_machine):
    time_machine.move_to("2025-06-15 09:00 +08:00")


def reader_of(org):
    user = UserFactory()
    PostFactory(user=user, organization=org, role=Role.COMMITTEE_MEMBER)
    return user


def record_for(member, month=JUNE, income="4000.00", category=EmploymentCategory.EMPLOYED, **kw):
    return DuesRecord.objects.create(
        member=member,
        month=month,
        category=category,
        income=None if income is None else D(income),
        expected=kw.pop("expected", D(income or 0) / 100 if income else D("0")),
        **kw,
    )


# Opening a month


def test_opening_a_month_creates_a_record_for_each_member_on_the_roll(world, secretary_a):
    members = MemberFactory.create_batch(3, organization=world.branch_a)
    MemberFactory(organization=world.branch_a, left_on=datetime.date(2025, 1, 1))
    MemberFactory(organization=world.branch_b)
    opened = dues_month_open(actor=secretary_a, organization=world.branch_a, month=JUNE)
    assert opened.created == 3
    assert set(DuesRecord.objects.values_list("member_id", flat=True)) == {m.pk for m in members}


def test_opening_a_month_twice_creates_nothing_new(world, secretary_a):
    MemberFactory.create_batch(2, organization=world.branch_a)
    dues_month_open(actor=secretary_a, organization=world.branch_a, month=JUNE)
    MemberFactory(organization=world.branch_a)
    again = dues_month_open(actor=secretary_a, organization=world.branch_a, month=JUNE)
    assert again.created == 1
    assert dues_month_open(actor=secretary_a, organization=world.branch_a, month=JUNE).created == 0
    assert DuesRecord.objects.count() == 3


def test_a_community_committee_opens_the_month_for_all_its_branches(world, community_staff):
    MemberFactory(organization=world.branch_a)
    MemberFactory(organization=world.branch_b)
    MemberFactory(organization=world.branch_c)  # another community
    opened = dues_month_open(actor=community_staff, organization=world.community1, month=JUNE)
    assert opened.created == 2


def test_a_member_who_joined_after_the_month_gets_no_record(world, secretary_a):
    MemberFactory(
        organization=world.branch_a,
        status="probationary",
        joined_on=datetime.date(2025, 6, 10),
        full_member_on=None,
    )
    assert dues_month_open(actor=secretary_a, organization=world.branch_a, month=JUNE).created == 1
    assert (
        dues_month_open(
            actor=secretary_a, organization=world.branch_a, month=datetime.date(2025, 5, 1)
        ).created
        == 0
    )


def test_income_is_carried_over_from_the_latest_record_of_the_same_category(world, secretary_a):
    kept = MemberFactory(organization=world.branch_a)
    retired = MemberFactory(organization=world.branch_a, employment=EmploymentCategory.RETIRED)
    student = MemberFactory(organization=world.branch_a, employment=EmploymentCategory.STUDENT)
    record_for(kept, month=datetime.date(2025, 4, 1), income="4000.00")
    record_for(kept, month=datetime.date(2025, 5, 1), income="6000.00")
    record_for(retired, month=datetime.date(2025, 5, 1), income="9000.00")  # was employed
    opened = dues_month_open(actor=secretary_a, organization=world.branch_a, month=JUNE)
    assert opened.income_needed == 1
    june = {r.member_id: r for r in DuesRecord.objects.filter(month=JUNE)}
    assert (june[kept.pk].income, june[kept.pk].expected) == (D("6000.00"), D("90.00"))
    assert june[retired.pk].income is None and june[retired.pk].expected == 0
    assert june[retired.pk].category == EmploymentCategory.RETIRED
    assert june[student.pk].expected == D("0.20")


def test_a_month_that_has_not_begun_cannot_be_opened(world, secretary_a):
    with pytest.raises(ValidationError) as error:
        dues_month_open(
            actor=secretary_a, organization=world.branch_a, month=datetime.date(2025, 7, 1)
        )
    assert "2025-07-01" in error.value.message_dict["month"][0]


def test_a_month_whose_make_up_window_closed_is_not_opened(world, secretary_a, time_machine):
    MemberFactory(organization=world.branch_a)
    december = datetime.date(2024, 12, 1)
    time_machine.move_to("2025-06-30 09:00 +08:00")
    assert dues_month_open(actor=secretary_a, organization=world.branch_a, month=december).created
    DuesRecord.objects.all().delete()
    time_machine.move_to("2025-07-01 09:00 +08:00")
    with pytest.raises(ValidationError) as error:
        dues_month_open(actor=secretary_a, organization=world.branch_a, month=december)
    assert "2025-06-30" in error.value.message_dict["month"][0]
    assert not DuesRecord.objects.exists()


def test_a_reader_or_another_branch_cannot_open_the_month(world, secretary_b):
    MemberFactory(organization=world.branch_a)
    for actor in (secretary_b, reader_of(world.branch_a)):
        with pytest.raises(PermissionDenied):
            dues_month_open(actor=actor, organization=world.branch_a, month=JUNE)
    assert not DuesRecord.objects.exists()


# Income


def test_entering_the_income_fills_in_the_amount_due(world, secretary_a):
    record = record_for(MemberFactory(organization=world.branch_a), income=None)
    dues_income_set(actor=secretary_a, record=record, income=D("5000.01"))
    record.refresh_from_db()
    assert (record.income, record.expected) == (D("5000.01"), D("75.00"))


def test_a_negative_income_is_refused(world, secretary_a):
    record = record_for(MemberFactory(organization=world.branch_a), income=None)
    with pytest.raises(ValidationError) as error:
        dues_income_set(actor=secretary_a, record=record, income=D("-1"))
    assert "income" in error.value.message_dict


# Payments


def test_a_payment_in_full_marks_the_month_paid(world, secretary_a):
    record = record_for(
        MemberFactory(organization=world.branch_a), income="3000.01", expected=D("30.00")
    )
    payment = dues_payment_record(
        actor=secretary_a, record=record, amount=D("30.00"), paid_on=datetime.date(2025, 6, 10)
    )
    record.refresh_from_db()
    assert (record.paid, record.paid_on, record.recorded_by) == (
        D("30.00"),
        datetime.date(2025, 6, 10),
        secretary_a,
    )
    assert not payment.is_make_up


def test_an_amount_below_the_rate_is_refused_with_nothing_saved(world, secretary_a):
    record = record_for(
        MemberFactory(organization=world.branch_a), income="3000.01", expected=D("30.00")
    )
    with pytest.raises(ValidationError) as error:
        dues_payment_record(
            actor=secretary_a, record=record, amount=D("29.99"), paid_on=datetime.date(2025, 6, 10)
        )
    message = error.value.message_dict["amount"][0]
    assert "30.00" in message and "1%" in message and "3000" in message and "5000" in message
    record.refresh_from_db()
    assert record.paid_on is None and record.paid == 0
    assert not DuesPayment.objects.exists()


def test_paying_more_than_due_is_allowed_as_voluntary_extra(world, secretary_a):
    record = record_for(
        MemberFactory(organization=world.branch_a), income="3000.00", expected=D("15.00")
    )
    dues_payment_record(
        actor=secretary_a, record=record, amount=D("100"), paid_on=datetime.date(2025, 6, 1)
    )
    assert DuesRecord.objects.get().paid == D("100.00")


def test_a_student_pays_from_0_20_and_may_pay_above_1_yuan(world, secretary_a):
    member = MemberFactory(organization=world.branch_a, employment=EmploymentCategory.STUDENT)
    dues_month_open(actor=secretary_a, organization=world.branch_a, month=JUNE)
    record = DuesRecord.objects.get(member=member)
    with pytest.raises(ValidationError) as error:
        dues_payment_record(
            actor=secretary_a, record=record, amount=D("0.10"), paid_on=datetime.date(2025, 6, 1)
        )
    assert "0.20" in error.value.message_dict["amount"][0]
    dues_payment_record(
        actor=secretary_a, record=record, amount=D("2.00"), paid_on=datetime.date(2025, 6, 1)
    )
    assert DuesRecord.objects.get(member=member).paid == D("2.00")


@pytest.mark.parametrize(
    ("category", "bracket"),
    [
        (EmploymentCategory.UNEMPLOYED, "(0.20 yuan a month)"),
        (EmploymentCategory.RELIEF, "(0.20 yuan a month)"),
        (EmploymentCategory.MINIMUM_ALLOWANCE, "(0.20 yuan a month)"),
        (EmploymentCategory.FARMER, "(0.20 to 1.00 yuan a month)"),
    ],
)
def test_article_6_amounts_are_refused_below_0_20_and_accepted_at_0_20(
    world, secretary_a, category, bracket
):
    member = MemberFactory(organization=world.branch_a, employment=category)
    dues_month_open(actor=secretary_a, organization=world.branch_a, month=JUNE)
    record = DuesRecord.objects.get(member=member)
    assert (record.income, record.expected) == (None, D("0.20"))
    with pytest.raises(ValidationError) as error:
        dues_payment_record(
            actor=secretary_a, record=record, amount=D("0.19"), paid_on=datetime.date(2025, 6, 1)
        )
    assert bracket in error.value.message_dict["amount"][0]
    dues_payment_record(
        actor=secretary_a, record=record, amount=D("0.20"), paid_on=datetime.date(2025, 6, 1)
    )
    assert DuesRecord.objects.get(member=member).paid == D("0.20")


def test_a_month_needing_the_income_cannot_be_paid_yet(world, secretary_a):
    record = record_for(MemberFactory(organization=world.branch_a), income=None)
    with pytest.raises(ValidationError) as error:
        dues_payment_record(
            actor=secretary_a, record=record, amount=D("50"), paid_on=datetime.date(2025, 6, 1)
        )
    assert "income" in error.value.message_dict


def test_a_payment_dated_in_the_future_is_refused(world, secretary_a):
    record = record_for(MemberFactory(organization=world.branch_a))
    with pytest.raises(ValidationError) as error:
        dues_payment_record(
            actor=secretary_a, record=record, amount=D("40"), paid_on=datetime.date(2025, 6, 16)
        )
    assert "paid_on" in error.value.message_dict


def test_dues_are_not_paid_before_their_month_begins(world, secretary_a):
    record = record_for(MemberFactory(organization=world.branch_a))
    with pytest.raises(ValidationError) as error:
        dues_payment_record(
            actor=secretary_a, record=record, amount=D("40"), paid_on=datetime.date(2025, 5, 31)
        )
    assert "2025-06-01" in error.value.message_dict["paid_on"][0]


def test_a_payment_after_the_month_is_a_make_up(world, secretary_a):
    record = record_for(MemberFactory(organization=world.branch_a), month=datetime.date(2025, 5, 1))
    payment = dues_payment_record(
        actor=secretary_a, record=record, amount=D("40"), paid_on=datetime.date(2025, 6, 1)
    )
    assert payment.is_make_up


def test_make_up_on_the_last_day_of_the_window_is_accepted(world, secretary_a, time_machine):
    time_machine.move_to("2025-07-31 18:00 +08:00")
    record = record_for(MemberFactory(organization=world.branch_a), month=datetime.date(2025, 1, 1))
    payment = dues_payment_record(
        actor=secretary_a, record=record, amount=D("40"), paid_on=datetime.date(2025, 7, 31)
    )
    assert payment.is_make_up


def test_make_up_the_day_after_the_window_closed_is_refused(world, secretary_a, time_machine):
    time_machine.move_to("2025-08-01 09:00 +08:00")
    record = record_for(MemberFactory(organization=world.branch_a), month=datetime.date(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        dues_payment_record(
            actor=secretary_a, record=record, amount=D("40"), paid_on=datetime.date(2025, 8, 1)
        )
    message = error.value.message_dict["paid_on"][0]
    assert "2025-07-31" in message and "branch" in message
    assert not DuesPayment.objects.exists()


def test_a_second_payment_for_a_paid_month_is_refused(world, secretary_a):
    record = record_for(MemberFactory(organization=world.branch_a))
    dues_payment_record(
        actor=secretary_a, record=record, amount=D("40"), paid_on=datetime.date(2025, 6, 2)
    )
    with pytest.raises(ValidationError) as error:
        dues_payment_record(
            actor=secretary_a, record=record, amount=D("40"), paid_on=datetime.date(2025, 6, 3)
        )
    assert "2025-06-02" in error.value.messages[0]
    assert DuesPayment.objects.count() == 1


def test_a_reader_cannot_record_a_payment(world):
    record = record_for(MemberFactory(organization=world.branch_a))
    with pytest.raises(PermissionDenied):
        dues_payment_record(
            actor=reader_of(world.branch_a),
            record=record,
            amount=D("40"),
            paid_on=datetime.date(2025, 6, 2),
        )
    assert not DuesPayment.objects.exists()


def test_the_make_up_window_follows_the_administrators_figure(world, secretary_a):
    from policies.models import Policy

    Policy.objects.update_or_create(key="dues.make_up_months", defaults={"value": 1})
    record = record_for(MemberFactory(organization=world.branch_a), month=datetime.date(2025, 4, 1))
    with pytest.raises(ValidationError) as error:
        dues_payment_record(
            actor=secretary_a, record=record, amount=D("40"), paid_on=datetime.date(2025, 6, 1)
        )
    assert "2025-05-31" in error.value.message_dict["paid_on"][0]

"""record_application, record_talk and withdraw_application."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from members.idnumber import make_id_number
from members.models import DevelopmentRecord, Stage
from members.services.development import record_application, record_talk, withdraw_application
from members.services.development.schedule import (
    current_figures,
    notes_for,
    talk_due_on,
    talk_overdue,
)
from members.tests.factories import MemberFactory
from members.tests.support.development import person, record_at

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    # the assertions read the English messages; the default language is Chinese
    with translation.override("en"):
        yield


@pytest.fixture
def today(time_machine):
    time_machine.move_to("2025-06-10 09:00 +08:00")
    return D(2025, 6, 10)


def apply(actor, organization, **overrides):
    fields = {"applied_on": D(2025, 6, 1), **person(), **overrides}
    return record_application(actor=actor, organization=organization, **fields)


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_application_the_day_before_the_18th_birthday_is_refused_naming_the_birthday(
    world, secretary_a, today
):
    errors = refusal(
        lambda: apply(
            secretary_a, world.branch_a, applied_on=D(2025, 5, 31), **person(D(2007, 6, 1))
        )
    )
    assert "2025-06-01" in errors["applied_on"][0]
    assert not DevelopmentRecord.objects.exists()


def test_application_on_the_18th_birthday_is_accepted(world, secretary_a, today):
    record = apply(secretary_a, world.branch_a, applied_on=D(2025, 6, 1), **person(D(2007, 6, 1)))
    assert record.stage == Stage.APPLICANT
    assert record.organization == world.branch_a


def test_application_with_a_wrong_check_character_names_the_id_number(world, secretary_a, today):
    fields = person()
    fields["id_number"] = fields["id_number"][:17] + (
        "0" if fields["id_number"][17] != "0" else "1"
    )
    errors = refusal(lambda: apply(secretary_a, world.branch_a, **fields))
    assert "check character" in errors["id_number"][0]


def test_application_whose_birth_date_disagrees_with_the_id_number_is_refused(
    world, secretary_a, today
):
    fields = person(D(1990, 1, 1))
    fields["birth_date"] = D(1990, 1, 2)
    errors = refusal(lambda: apply(secretary_a, world.branch_a, **fields))
    assert "1990-01-01" in errors["birth_date"][0]


def test_application_whose_gender_disagrees_with_the_id_number_is_refused(
    world, secretary_a, today
):
    fields = person(gender="M")
    fields["gender"] = "F"
    assert "gender" in refusal(lambda: apply(secretary_a, world.branch_a, **fields))


def test_second_open_record_for_the_same_person_is_refused(world, secretary_a, street_staff, today):
    first = apply(secretary_a, world.branch_a)
    errors = refusal(
        lambda: apply(
            street_staff,
            world.branch_c,
            **{k: getattr(first, k) for k in ("name", "gender", "birth_date", "id_number")},
        )
    )
    assert "in progress" in errors["id_number"][0]
    assert DevelopmentRecord.objects.count() == 1


def test_a_withdrawn_record_does_not_block_a_new_application(world, secretary_a, today):
    old = record_at(world.branch_a, Stage.WITHDRAWN, closed_on=D(2024, 5, 1))
    again = apply(
        secretary_a,
        world.branch_a,
        **{k: getattr(old, k) for k in ("name", "gender", "birth_date", "id_number")},
    )
    assert again.pk != old.pk


def test_a_member_on_the_roll_cannot_apply(world, secretary_a, today):
    member = MemberFactory(organization=world.branch_a)
    errors = refusal(
        lambda: apply(
            secretary_a,
            world.branch_a,
            name=member.name,
            gender=member.gender,
            birth_date=member.birth_date,
            id_number=member.id_number,
        )
    )
    assert "already a party member" in errors["id_number"][0]


def test_application_to_another_branch_is_refused(world, secretary_a, today):
    errors = refusal(lambda: apply(secretary_a, world.branch_b))
    assert "organization" in errors
    assert not DevelopmentRecord.objects.exists()


def test_application_to_a_party_group_is_refused(world, secretary_a, today):
    assert "organization" in refusal(lambda: apply(secretary_a, world.group_a))


def test_application_to_a_dissolved_branch_is_refused(world, secretary_a, today):
    world.branch_a.dissolved_on = D(2025, 1, 1)
    world.branch_a.save()
    assert "organization" in refusal(lambda: apply(secretary_a, world.branch_a))


def test_application_dated_in_the_future_is_refused(world, secretary_a, today):
    errors = refusal(lambda: apply(secretary_a, world.branch_a, applied_on=D(2025, 6, 11)))
    assert "future" in errors["applied_on"][0]


def test_application_with_a_grid_cell_outside_the_area_is_refused(world, secretary_a, today):
    errors = refusal(lambda: apply(secretary_a, world.branch_a, grid_cell=world.branch_b.grid_cell))
    assert "grid_cell" in errors


def test_application_keeps_the_id_number_upper_case(world, secretary_a, today):
    born = D(1990, 3, 3)
    numbers = (make_id_number("110101", born, s) for s in range(1, 999, 2))
    number = next(n for n in numbers if n.endswith("X"))
    record = apply(
        secretary_a,
        world.branch_a,
        name="李四",
        gender="M",
        birth_date=born,
        id_number=number.lower(),
    )
    assert record.id_number == number


# The talk


def test_talk_dated_before_the_application_is_refused(world, secretary_a, today):
    record = record_at(world.branch_a, applied_on=D(2025, 5, 1))
    errors = refusal(
        lambda: record_talk(actor=secretary_a, record=record, talked_on=D(2025, 4, 30))
    )
    assert "2025-05-01" in errors["talked_on"][0]


def test_talk_on_the_30th_day_is_on_time_and_on_the_31st_is_late_but_recorded(
    world, secretary_a, today
):
    f = current_figures()
    on_time = record_at(world.branch_a, applied_on=D(2025, 5, 1))
    late = record_at(world.branch_a, applied_on=D(2025, 5, 1))
    on_time = record_talk(actor=secretary_a, record=on_time, talked_on=D(2025, 6, 1))
    late = record_talk(actor=secretary_a, record=late, talked_on=D(2025, 6, 2))
    assert not any("late" in n.text for n in notes_for(on_time, f, today))
    assert any("late" in n.text for n in notes_for(late, f, today))
    assert late.talked_on == D(2025, 6, 2)


def test_applicant_without_talk_is_overdue_the_day_after_one_calendar_month(world):
    record = record_at(world.branch_a, applied_on=D(2025, 5, 1))
    f = current_figures()
    assert not talk_overdue(record, f, D(2025, 6, 1))
    assert talk_overdue(record, f, D(2025, 6, 2))


@pytest.mark.parametrize(
    ("applied_on", "last_day"),
    [
        (D(2026, 1, 31), D(2026, 2, 28)),  # a month that lacks the day: its last day
        (D(2028, 1, 31), D(2028, 2, 29)),  # leap year
        (D(2026, 2, 28), D(2026, 3, 28)),  # 28 days, not 30
        (D(2026, 12, 15), D(2027, 1, 15)),
    ],
)
def test_the_talk_is_due_within_one_calendar_month(world, applied_on, last_day):
    record = record_at(world.branch_a, applied_on=applied_on)
    f = current_figures()
    assert talk_due_on(record, f) == last_day
    assert not talk_overdue(record, f, last_day)
    assert talk_overdue(record, f, last_day + datetime.timedelta(days=1))


def test_talk_is_recorded_only_once(world, secretary_a, today):
    record = record_at(world.branch_a, talked_on=D(2024, 3, 5))
    errors = refusal(lambda: record_talk(actor=secretary_a, record=record, talked_on=D(2024, 3, 6)))
    assert "2024-03-05" in errors["talked_on"][0]


def test_read_only_committee_member_may_not_record_a_talk(world, today):
    from members.tests.support.development import read_only_user

    record = record_at(world.branch_a)
    with pytest.raises(PermissionDenied):
        record_talk(actor=read_only_user(world.branch_a), record=record, talked_on=D(2024, 3, 5))
    record.refresh_from_db()
    assert record.talked_on is None


# Withdrawal


@pytest.mark.parametrize("stage", [Stage.APPLICANT, Stage.ACTIVIST, Stage.CANDIDATE])
def test_applicant_activist_or_candidate_may_withdraw(world, secretary_a, today, stage):
    record = record_at(world.branch_a, stage)
    record = withdraw_application(
        actor=secretary_a, record=record, withdrawn_on=D(2025, 6, 1), reason="本人申请撤回"
    )
    assert record.stage == Stage.WITHDRAWN
    assert record.closed_on == D(2025, 6, 1)


def test_probationary_member_cannot_withdraw_an_application(world, secretary_a, today):
    record = record_at(world.branch_a, Stage.PROBATIONARY)
    errors = refusal(
        lambda: withdraw_application(actor=secretary_a, record=record, withdrawn_on=D(2025, 8, 1))
    )
    assert "probationary member" in errors["stage"][0]

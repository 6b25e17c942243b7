"""The reminder of a pairing without a visit for 60 days: to the paired member's user, once
per pairing and last visit, on the 60th day and not the 59th; a visit closes it."""

import datetime
from decimal import Decimal

import pytest

from policies.models import Policy
from reminders import registry
from reminders.models import Reminder, ReminderState
from reminders.services.sweep import run_sweep
from residents.reminders import pairing as p
from residents.services.households import household_save
from residents.services.pairing import pairing_save, visit_record
from residents.tests.support.households import household_world

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world(monkeypatch):
    monkeypatch.setattr(registry, "_rules", {p.PAIRING_NO_VISIT.kind: p.PAIRING_NO_VISIT})
    return household_world()


def _pairing(world, **helper):
    household = household_save(user=world.staff, data={"grid_cell": world.cell_a, "address": "5号"})
    return pairing_save(
        user=world.staff, household=household, data={"started_on": D(2026, 3, 1), **helper}
    )


def test_the_member_is_reminded_on_the_sixtieth_day_once(world, time_machine):
    pairing = _pairing(world, member=world.member_a)
    time_machine.move_to("2026-04-29 09:00 +08:00")  # 59 days after the start
    assert run_sweep().created_count == 0
    time_machine.move_to("2026-04-30 09:00 +08:00")  # 60 days
    assert run_sweep().created_count == 1
    reminder = Reminder.objects.get(kind="residents.pairing_no_visit")
    assert reminder.recipient == world.member_a.user
    assert p.PAIRING_NO_VISIT.url(reminder) == f"/residents/pairings/{pairing.pk}/"
    time_machine.move_to("2026-05-01 09:00 +08:00")
    assert run_sweep().created_count == 0
    visit_record(
        user=world.staff,
        pairing=pairing,
        data={"visited_on": D(2026, 5, 1), "done": "探望", "hours": Decimal("1")},
    )
    run_sweep()
    assert Reminder.objects.get(pk=reminder.pk).state == ReminderState.DONE
    time_machine.move_to("2026-06-29 09:00 +08:00")  # 59 days after the visit
    assert run_sweep().created_count == 0
    time_machine.move_to("2026-06-30 09:00 +08:00")
    assert run_sweep().created_count == 1


def test_a_branch_pairing_reminds_its_secretary_and_the_figure_is_editable(world, time_machine):
    Policy.objects.update_or_create(key=p.PAIRING_NO_VISIT_DAYS.key, defaults={"value": 30})
    _pairing(world, organization=world.branch_a)
    time_machine.move_to("2026-03-30 09:00 +08:00")  # 29 days
    assert run_sweep().created_count == 0
    time_machine.move_to("2026-03-31 09:00 +08:00")
    assert run_sweep().created_count == 1
    reminder = Reminder.objects.get(kind="residents.pairing_no_visit")
    assert reminder.recipient == world.secretary


def test_an_ended_pairing_is_not_reminded(world, time_machine):
    pairing = _pairing(world, unit=world.unit)
    pairing_save(user=world.staff, pairing=pairing, data={"ended_on": D(2026, 4, 1)})
    time_machine.move_to("2026-06-01 09:00 +08:00")
    assert run_sweep().created_count == 0

"""The demo of households (residents/demo/households.py) as ``seed_demo`` leaves it: 20
households per grid cell with the cells' counts in step, residents in need, pairings whose
visits count as volunteer service, one reminder due; household visits by the cells' grid
workers, most households in need visited lately, some due a visit; seeding again writes
nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from accounts.models import User
from conftest import built_once
from grid.models import GridCell, GridWorkerAssignment, Household
from residents.models import HouseholdVisit, Pairing, PairingVisit, ResidentInNeed
from residents.reminders.pairing import pairing_no_visit_due
from residents.selectors.worker import due_households_for, worker_households_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, members_per_street=120, allow_without_debug=True)
    return out.getvalue()


seeded = built_once(seed)


def test_every_cell_has_its_households_and_its_count_in_step():
    cells = GridCell.objects.annotate(n=Count("households"))
    assert cells.exists()
    assert all(cell.n == 20 == cell.household_count for cell in cells)
    assert Household.objects.filter(is_central_household=True).count() == cells.count()


def test_residents_in_need_and_pairings_with_visits():
    assert ResidentInNeed.objects.filter(categories__isnull=False).exists()
    assert Pairing.objects.exists()
    visits = PairingVisit.objects.filter(activity__isnull=False)
    assert visits.exists()
    today = max(PairingVisit.objects.values_list("visited_on", flat=True))
    assert pairing_no_visit_due(today + datetime.timedelta(days=10))


def test_household_visits_by_the_grid_workers_some_due_most_not():
    today = max(PairingVisit.objects.values_list("visited_on", flat=True))  # the seeding day
    visits = HouseholdVisit.objects.values_list("household__grid_cell", "visitor", "visited_on")
    assert visits.exists()
    workers = set(GridWorkerAssignment.objects.values_list("grid_cell", "user"))
    assert all((cell, visitor) in workers for cell, visitor, _ in visits)
    assert max(day for *_, day in visits) <= today
    street = User.objects.get(username="street")
    in_need = worker_households_for(street).filter(in_need=True).count()
    due = due_households_for(street, today).count()
    assert 0 < due < in_need / 2
    mine = due_households_for(User.objects.get(username="gridworker"), today)
    assert None in [household.last_visit for household in mine]  # one never visited


def _counts() -> tuple:
    models = (Household, Pairing, PairingVisit, HouseholdVisit)
    return tuple(model.objects.count() for model in models)


def test_seeding_again_writes_nothing():
    before = _counts()
    seed()
    assert _counts() == before

"""The demo of households (residents/demo/households.py) as ``seed_demo`` leaves it: 20
households per grid cell with the cells' counts in step, residents in need, pairings whose
visits count as volunteer service, one reminder due; seeding again writes nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from conftest import built_once
from grid.models import GridCell, Household
from residents.models import Pairing, PairingVisit, ResidentInNeed
from residents.reminders.pairing import pairing_no_visit_due

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


def test_seeding_again_writes_nothing():
    before = (Household.objects.count(), Pairing.objects.count(), PairingVisit.objects.count())
    seed()
    assert (
        Household.objects.count(),
        Pairing.objects.count(),
        PairingVisit.objects.count(),
    ) == before

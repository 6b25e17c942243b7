"""The households and pairings API: read-only, scoped by grid cell, ID numbers and phones
masked, bad filters a 400 naming the parameter."""

import datetime

import pytest

from residents.models import NeedCategory
from residents.services.households import household_save, resident_save
from residents.services.pairing import pairing_save
from residents.tests.support.households import household_world

pytestmark = pytest.mark.django_db


def test_a_worker_reads_their_cells_masked(client):
    world = household_world()
    mine = household_save(user=world.staff, data={"grid_cell": world.cell_a, "address": "甲1号"})
    household_save(user=world.staff, data={"grid_cell": world.cell_b, "address": "乙1号"})
    resident_save(
        user=world.staff,
        household=mine,
        data={"name": "赵六", "phone": "13987654321", "id_number": "320102198001011234"},
        categories=NeedCategory.objects.filter(code="disabled"),
    )
    pairing_save(
        user=world.staff,
        household=mine,
        data={"member": world.member_a, "started_on": datetime.date(2026, 3, 1)},
    )
    client.force_login(world.worker)
    data = client.get("/api/households/").json()
    rows = data["results"] if isinstance(data, dict) else data
    assert [row["address"] for row in rows] == ["甲1号"]
    resident = rows[0]["residents_in_need"][0]
    assert resident["phone"] == "139****4321" and resident["categories"] == ["disabled"]
    assert "320102198001011234" not in str(data)
    pairings = client.get("/api/pairings/").json()
    assert len(pairings["results"] if isinstance(pairings, dict) else pairings) == 1
    assert client.get("/api/households/?grid_cell=abc").status_code == 400
    assert client.post("/api/households/", {}).status_code == 405

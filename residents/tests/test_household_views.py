"""The households pages: the list of households in need in the user's cells (a fixed number
of queries), a household's page with masked data, and the forms refusing bad input."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from grid.models import Household
from residents.models import NeedCategory, Pairing
from residents.services.households import household_save, resident_save
from residents.tests.support.households import household_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return household_world()


def _in_need(world, cell, address, name):
    household = household_save(user=world.staff, data={"grid_cell": cell, "address": address})
    resident_save(
        user=world.staff,
        household=household,
        data={"name": name, "phone": "13912345678", "id_number": "320102198001011234"},
        categories=NeedCategory.objects.filter(code="laid_off"),
    )
    return household


def test_the_worker_lists_only_their_cells_in_few_queries(
    world, client, django_assert_max_num_queries
):
    for i in range(5):
        _in_need(world, world.cell_a, f"甲{i}号", f"甲居民{i}")
    _in_need(world, world.cell_b, "乙1号", "乙居民")
    client.force_login(world.worker)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("residents:household_list"))
    text = response.content.decode()
    assert "甲居民4" in text and "乙居民" not in text
    client.force_login(world.staff)
    response = client.get(reverse("residents:household_list"), {"grid_cell": world.cell_b.pk})
    text = response.content.decode()
    assert "乙居民" in text and "甲居民0" not in text


def test_the_household_page_masks_and_refuses_other_cells(world, client):
    household = _in_need(world, world.cell_a, "甲1号", "张三")
    other = _in_need(world, world.cell_b, "乙1号", "李四")
    client.force_login(world.worker)
    text = client.get(reverse("residents:household_detail", args=[household.pk])).content.decode()
    assert "139****5678" in text and "13912345678" not in text
    assert "320102198001011234" not in text
    assert client.get(reverse("residents:household_detail", args=[other.pk])).status_code == 404


def test_a_household_in_a_cell_out_of_sight_is_not_saved(world, client):
    client.force_login(world.worker)
    response = client.post(
        reverse("residents:household_add"),
        {"grid_cell": world.cell_b.pk, "address": "乙9号", "size": 2},
    )
    assert response.status_code == 200
    assert not Household.objects.exists()
    response = client.post(
        reverse("residents:household_add"),
        {"grid_cell": world.cell_a.pk, "address": "甲9号", "size": 2},
    )
    assert response.status_code == 302


@time_machine.travel(datetime.datetime(2026, 6, 1, 10), tick=False)
def test_a_pairing_with_a_member_of_another_street_shows_the_message(world, client):
    household = _in_need(world, world.cell_a, "甲1号", "张三")
    client.force_login(world.staff)
    url = reverse("residents:pairing_add", args=[household.pk])
    response = client.post(
        url, {"organization": world.branch_a.pk, "unit": world.unit.pk, "started_on": "2026-05-01"}
    )
    assert response.status_code == 200 and "form-errors" in response.content.decode()
    assert not Pairing.objects.exists()
    response = client.post(url, {"member": world.member_a.pk, "started_on": "2026-05-01"})
    pairing = Pairing.objects.get()
    assert response.url == reverse("residents:pairing_detail", args=[pairing.pk])
    response = client.post(
        reverse("residents:visit_add", args=[pairing.pk]),
        {"visited_on": "2026-05-20", "done": "送温暖", "hours": "2"},
    )
    assert response.status_code == 302
    text = client.get(reverse("residents:pairing_detail", args=[pairing.pk])).content.decode()
    assert "送温暖" in text


def test_moving_a_household_to_another_cell_recounts_both(world, client):
    household = household_save(
        user=world.staff, data={"grid_cell": world.cell_a, "address": "甲2号"}
    )
    client.force_login(world.staff)
    url = reverse("residents:household_edit", args=[household.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"grid_cell": world.cell_b.pk, "address": "乙2号", "size": 3})
    assert response.status_code == 302
    world.cell_a.refresh_from_db()
    world.cell_b.refresh_from_db()
    assert (world.cell_a.household_count, world.cell_b.household_count) == (0, 1)
    household.refresh_from_db()
    assert (household.address, household.size) == ("乙2号", 3)


def test_a_worker_may_not_move_a_household_out_of_their_cells(world, client):
    household = household_save(
        user=world.staff, data={"grid_cell": world.cell_a, "address": "甲3号"}
    )
    client.force_login(world.worker)
    response = client.post(
        reverse("residents:household_edit", args=[household.pk]),
        {"grid_cell": world.cell_b.pk, "address": "甲3号", "size": 1},
    )
    assert response.status_code == 200 and response.context["form"].errors["grid_cell"]
    household.refresh_from_db()
    assert household.grid_cell == world.cell_a


def test_a_household_with_residents_in_need_is_kept(world, client):
    household = _in_need(world, world.cell_a, "甲4号", "张三")
    empty = household_save(user=world.staff, data={"grid_cell": world.cell_a, "address": "甲5号"})
    client.force_login(world.worker)
    response = client.post(reverse("residents:household_delete", args=[household.pk]), follow=True)
    assert "该户有困难居民或结对记录，不能删除。" in response.content.decode()
    assert Household.objects.filter(pk=household.pk).exists()
    response = client.post(reverse("residents:household_delete", args=[empty.pk]))
    assert response.url == reverse("residents:household_list")
    assert not Household.objects.filter(pk=empty.pk).exists()
    world.cell_a.refresh_from_db()
    assert world.cell_a.household_count == 1


@time_machine.travel(datetime.datetime(2026, 6, 1, 10), tick=False)
def test_ending_a_pairing_before_its_start_is_refused(world, client):
    household = _in_need(world, world.cell_a, "甲6号", "张三")
    client.force_login(world.staff)
    client.post(
        reverse("residents:pairing_add", args=[household.pk]),
        {"member": world.member_a.pk, "started_on": "2026-05-01"},
    )
    pairing = Pairing.objects.get()
    url = reverse("residents:pairing_edit", args=[pairing.pk])
    data = {"member": world.member_a.pk, "started_on": "2026-05-01", "ended_on": "2026-04-30"}
    response = client.post(url, data)
    assert response.status_code == 200 and "form-errors" in response.content.decode()
    pairing.refresh_from_db()
    assert pairing.ended_on is None
    data["ended_on"] = "2026-05-01"
    assert client.post(url, data).status_code == 302
    pairing.refresh_from_db()
    assert pairing.ended_on == datetime.date(2026, 5, 1)

"""The admin shows a grid cell's household count read-only once the cell has household
records (the services keep it in step), and masks residents' ID numbers and phones."""

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from residents.models import NeedCategory
from residents.services.households import household_save, resident_save
from residents.tests.support.households import household_world

pytestmark = pytest.mark.django_db


def test_the_count_is_read_only_once_households_exist_and_data_is_masked(client):
    world = household_world()
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    url = reverse("admin:grid_gridcell_change", args=[world.cell_a.pk])
    assert 'name="household_count"' in client.get(url).content.decode()
    household = household_save(user=admin_user, data={"grid_cell": world.cell_a, "address": "1号"})
    assert 'name="household_count"' not in client.get(url).content.decode()
    resident = resident_save(
        user=admin_user,
        household=household,
        data={"name": "赵六", "phone": "13987654321", "id_number": "320102198001011234"},
        categories=NeedCategory.objects.all()[:1],
    )
    page = client.get(reverse("admin:residents_residentinneed_change", args=[resident.pk]))
    text = page.content.decode()
    assert "139****4321" in text and "13987654321" not in text and "320102198001011234" not in text

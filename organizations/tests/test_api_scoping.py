"""The API's related fields and filters offer and accept only the rows the user may choose."""

import pytest
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from grid.models import GridCell
from organizations.api.scoping import ScopedPrimaryKeyRelatedField


class CellInput(serializers.Serializer):
    grid_cell = ScopedPrimaryKeyRelatedField(queryset=GridCell.objects.all())


def _input(user, data):
    request = APIRequestFactory().post("/")
    request.user = user
    return CellInput(data=data, context={"request": request})


def test_another_branchs_grid_cell_is_refused_naming_the_field(world, secretary_a):
    other = _input(secretary_a, {"grid_cell": world.branch_b.grid_cell_id})
    assert not other.is_valid()
    assert set(other.errors) == {"grid_cell"}
    own = _input(secretary_a, {"grid_cell": world.branch_a.grid_cell_id})
    assert own.is_valid(), own.errors


def test_without_a_request_no_row_is_a_choice(world):
    assert not CellInput(data={"grid_cell": world.branch_a.grid_cell_id}).is_valid()


@pytest.mark.parametrize("url", ["/api/reports/?format=api", "/api/pairing-agreements/?format=api"])
def test_browsable_api_filters_offer_only_the_scope(client, world, secretary_a, url):
    client.force_login(secretary_a)
    body = client.get(url).content.decode()
    assert "B支部" not in body and "D支部" not in body


def test_a_filter_naming_another_branch_is_a_400_naming_it(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.get(f"/api/reports/?organization={world.branch_b.pk}")
    assert response.status_code == 400 and "organization" in response.json()
    assert client.get(f"/api/reports/?organization={world.branch_a.pk}").status_code == 200

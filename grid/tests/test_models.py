"""Single-row rules of grid's models: codes, boundaries and worker assignments."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from grid.models import GridCell, GridWorkerAssignment
from grid.tests.factories import GridCellFactory

# the grid cell's admin page posts its two inlines empty
NO_INLINES = {
    f"{inline}-{count}": "0"
    for inline in ("buildings", "worker_assignments")
    for count in ("TOTAL_FORMS", "INITIAL_FORMS")
}


@pytest.mark.django_db
def test_grid_code_used_twice_in_one_community_is_refused():
    cell = GridCellFactory(code="G01")
    duplicate = GridCell(community=cell.community, code="G01", name="重复")
    with pytest.raises(ValidationError) as exc:
        duplicate.full_clean()
    assert "grid code" in " ".join(exc.value.messages) or "网格编码" in " ".join(exc.value.messages)


@pytest.mark.django_db
def test_same_grid_code_in_another_community_is_fine():
    cell = GridCellFactory(code="G01")
    GridCell(community=GridCellFactory().community, code=cell.code, name="别处").full_clean()


def test_invalid_geojson_in_admin_is_refused_with_nothing_saved(client, world, street_staff):
    client.force_login(street_staff)
    cell = world.branch_a.grid_cell
    response = client.post(
        reverse("admin:grid_gridcell_change", args=[cell.pk]),
        {
            "community": cell.community_id,
            "code": cell.code,
            "name": "改名",
            "boundary": '{"type": "Polygon", "coordinates": [[[118, 32], [119, 32]]]}',
            "household_count": 400,
            "population": 0,
            **NO_INLINES,
        },
    )
    assert response.status_code == 200
    assert "boundary" in response.context["adminform"].form.errors
    assert GridCell.objects.get(pk=cell.pk).name != "改名"


def test_duplicate_grid_code_in_admin_is_refused(client, world, street_staff):
    client.force_login(street_staff)
    existing = world.branch_a.grid_cell
    response = client.post(
        reverse("admin:grid_gridcell_add"),
        {
            "community": existing.community_id,
            "code": existing.code,
            "name": "重复网格",
            "boundary": "",
            "household_count": 300,
            "population": 0,
            **NO_INLINES,
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    assert not GridCell.objects.filter(name="重复网格").exists()


@pytest.mark.django_db
def test_assignment_ending_before_it_starts_is_refused():
    cell = GridCellFactory()
    from accounts.tests.factories import UserFactory

    assignment = GridWorkerAssignment(
        grid_cell=cell, user=UserFactory(), started_on="2025-05-02", ended_on="2025-05-01"
    )
    with pytest.raises(ValidationError) as exc:
        assignment.full_clean()
    assert "ended_on" in exc.value.message_dict

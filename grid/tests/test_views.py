"""The grid cell pages: the list with its filter, and a cell's detail, scoped."""

from django.urls import reverse

from grid.tests.factories import BuildingFactory, GridCellFactory, GridWorkerAssignmentFactory


def test_cell_list_filters_by_community_and_search(client, world, street_staff):
    client.force_login(street_staff)
    response = client.get(reverse("grid:cell_list"), {"community": world.community2.community_id})
    assert list(response.context["page"].object_list) == [world.branch_c.grid_cell]
    cell = world.branch_b.grid_cell
    response = client.get(reverse("grid:cell_list"), {"q": cell.code})
    assert list(response.context["page"].object_list) == [cell]


def test_community_filter_offers_only_visible_communities(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.get(reverse("grid:cell_list"))
    offered = set(response.context["filter"].form.fields["community"].queryset)
    assert offered == {world.branch_a.grid_cell.community}


def test_filtering_by_a_community_outside_the_scope_is_a_form_error(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.get(reverse("grid:cell_list"), {"community": world.branch_d.community_id})
    assert response.status_code == 200
    assert "community" in response.context["filter"].errors


def test_cell_detail_shows_workers_buildings_and_sketch(client, world, grid_worker, street_staff):
    cell = world.branch_a.grid_cell
    BuildingFactory(grid_cell=cell, name="3栋")
    client.force_login(street_staff)
    response = client.get(reverse("grid:cell_detail", args=[cell.pk]))
    content = response.content.decode()
    assert "3栋" in content and "<polygon" in content
    assert [a.user for a in response.context["cell"].current_workers] == [grid_worker]
    assert grid_worker.phone not in content


def test_cell_list_query_count_does_not_grow(
    client, world, street_staff, django_assert_num_queries
):
    client.force_login(street_staff)
    url = reverse("grid:cell_list")
    client.get(url)
    with django_assert_num_queries(8) as small:
        client.get(url)
    for _ in range(30):
        GridCellFactory(community=world.community1.community)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 25


def test_cell_detail_query_count_does_not_grow(
    client, world, street_staff, django_assert_num_queries
):
    client.force_login(street_staff)
    cell = world.branch_a.grid_cell
    url = reverse("grid:cell_detail", args=[cell.pk])
    client.get(url)
    with django_assert_num_queries(10) as small:
        client.get(url)
    for _ in range(10):
        BuildingFactory(grid_cell=cell)
        GridWorkerAssignmentFactory(grid_cell=cell)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)

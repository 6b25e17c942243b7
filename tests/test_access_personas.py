"""What each persona may open: the records of its scope (200), its lists holding exactly
its scope, and anonymous users sent to log in. That nothing of another scope is readable is
proven for every URL by the generated matrix (test_access_matrix.py)."""

import pytest
from django.urls import reverse

from tests.support.personas import BRANCHES, PERSONAS, SEES


def detail_urls(world, branch_name):
    org = getattr(world, branch_name)
    return [
        reverse("organizations:detail", args=[org.pk]),
        reverse("grid:cell_detail", args=[org.grid_cell_id]),
        f"/api/organizations/{org.pk}/",
        f"/api/grid-cells/{org.grid_cell_id}/",
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_detail_pages_and_api_open_inside_the_scope(client, world, request, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    for branch_name in SEES[persona]:
        for url in detail_urls(world, branch_name):
            assert client.get(url).status_code == 200, (persona, branch_name, url)


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_pages_and_api_list_only_the_scope(client, world, request, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    tree = client.get(reverse("organizations:tree"))
    cells = client.get(reverse("grid:cell_list"))
    api_orgs = client.get("/api/organizations/").json()["results"]
    api_cells = client.get("/api/grid-cells/").json()["results"]
    assert tree.status_code == cells.status_code == 200
    for branch_name in BRANCHES:
        org = getattr(world, branch_name)
        visible = branch_name in SEES[persona]
        assert (org in tree.context["organizations"]) == visible, (persona, branch_name)
        assert (org.grid_cell in cells.context["page"].object_list) == visible
        assert (org.pk in {o["id"] for o in api_orgs}) == visible
        assert (org.grid_cell_id in {c["id"] for c in api_cells}) == visible


@pytest.mark.parametrize(
    "url",
    ["/", "/organizations/", "/grid/", "/organizations/1/", "/grid/1/"],
)
def test_anonymous_is_sent_to_log_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("url", ["/api/organizations/", "/api/grid-cells/"])
def test_anonymous_api_is_refused(client, db, url):
    assert client.get(url).status_code == 403


def test_api_is_read_only(client, world, street_staff):
    client.force_login(street_staff)
    response = client.post("/api/organizations/", {"name": "x"}, content_type="application/json")
    assert response.status_code == 405
    url = f"/api/organizations/{world.branch_a.pk}/"
    assert client.delete(url).status_code == 405


def test_user_with_no_post_gets_an_explanation_not_an_error(client, no_post_user):
    client.force_login(no_post_user)
    response = client.get("/")
    assert response.status_code == 200
    assert b'data-testid="no-post"' in response.content

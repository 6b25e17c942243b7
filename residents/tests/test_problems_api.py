"""The problems API: the list in scope with the phone masked, recording one, the steps, and
bad input answered 400 naming the field with nothing saved."""

import datetime

import pytest
import time_machine

from residents.models import Problem
from residents.tests.support.problems import category, report

DAY = datetime.datetime(2026, 11, 2, 10, 0, tzinfo=datetime.UTC)
URL = "/api/problems/"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _day():
    with time_machine.travel(DAY, tick=False):
        yield


def test_list_in_scope_with_the_phone_masked(
    client, world, superuser, secretary_a, django_assert_max_num_queries
):
    for name in ("a", "a", "b"):
        report(superuser, getattr(world, f"branch_{name}").grid_cell)
    client.force_login(secretary_a)
    with django_assert_max_num_queries(12):
        body = client.get(URL).json()
    assert body["count"] == 2
    assert {row["resident_phone"] for row in body["results"]} == {"138****5678"}
    assert body["results"][0]["events"][0]["action"] == "reported"


def test_filters(client, world, superuser, street_staff):
    late = report(superuser, world.branch_a.grid_cell)
    late.due_on = datetime.date(2026, 11, 1)
    late.save()
    report(superuser, world.branch_c.grid_cell)
    client.force_login(street_staff)
    assert [r["id"] for r in client.get(URL + "?overdue=true").json()["results"]] == [late.pk]
    assert client.get(URL + f"?grid_cell={world.branch_c.grid_cell.pk}").json()["count"] == 1
    assert client.get(URL + "?state=bogus").status_code == 400


def test_record_and_steps(client, world, grid_worker):
    client.force_login(grid_worker)
    created = client.post(
        URL,
        {
            "grid_cell": world.branch_a.grid_cell.pk,
            "category": category().pk,
            "channel": "phone",
            "description": "噪音扰民",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    step = f"{URL}{pk}/"
    assert (
        client.post(
            step + "assign/", {"assignee": grid_worker.pk}, content_type="application/json"
        ).status_code
        == 200
    )
    assert (
        client.post(step + "start/", {}, content_type="application/json").json()["state"]
        == "in_progress"
    )
    refused = client.post(step + "resolve/", {"resolution": ""}, content_type="application/json")
    assert refused.status_code == 400
    assert "resolution" in refused.json()
    early = client.post(
        step + "confirm/", {"satisfaction": "satisfied"}, content_type="application/json"
    )
    assert early.status_code == 400 and "satisfaction" in early.json()
    assert (
        client.post(
            step + "resolve/", {"resolution": "已调解"}, content_type="application/json"
        ).status_code
        == 200
    )
    done = client.post(
        step + "confirm/", {"satisfaction": "not_satisfied"}, content_type="application/json"
    )
    assert done.json()["state"] == "reopened"
    up = client.post(step + "escalate/", {"note": "社区协调"}, content_type="application/json")
    assert up.json()["level"] == "community"


def test_bad_input_names_the_field_and_saves_nothing(client, world, grid_worker):
    client.force_login(grid_worker)
    response = client.post(
        URL,
        {"grid_cell": world.branch_b.grid_cell.pk, "category": 999999, "channel": "fax"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert {"grid_cell", "category", "channel", "description"} <= set(response.json())
    assert not Problem.objects.exists()


def test_out_of_scope_is_not_found(client, world, superuser, secretary_a):
    other = report(superuser, world.branch_b.grid_cell)
    client.force_login(secretary_a)
    assert client.get(f"{URL}{other.pk}/").status_code == 404
    assert (
        client.post(f"{URL}{other.pk}/start/", {}, content_type="application/json").status_code
        == 404
    )

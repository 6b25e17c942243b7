"""The problems API: the list in scope with the phone masked, recording one, the steps (merge
included), photos, and bad input answered 400 naming the field with nothing saved."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from residents.models import Problem
from residents.tests.support.problems import category, png_bytes, report

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


def test_merge_a_duplicate_into_another_problem_of_the_community(
    client, world, superuser, street_staff
):
    kept = report(superuser, world.branch_a.grid_cell)
    duplicate = report(superuser, world.branch_b.grid_cell)
    other_community = report(superuser, world.branch_c.grid_cell)
    client.force_login(street_staff)
    url = f"{URL}{duplicate.pk}/merge/"
    refused = client.post(url, {"original": other_community.pk}, content_type="application/json")
    assert refused.status_code == 400 and "original" in refused.json()
    refused = client.post(url, {"original": duplicate.pk}, content_type="application/json")
    assert refused.status_code == 400 and "original" in refused.json()
    duplicate.refresh_from_db()
    assert duplicate.state == "reported"
    merged = client.post(
        url, {"original": kept.pk, "note": "同一处"}, content_type="application/json"
    )
    assert merged.status_code == 200, merged.content
    assert merged.json()["state"] == "merged" and merged.json()["merged_into"] == kept.pk
    assert kept.events.filter(action="merged_in").exists()


def test_merge_into_a_problem_out_of_scope_names_the_field(client, world, superuser, secretary_a):
    duplicate = report(superuser, world.branch_a.grid_cell)
    hidden = report(superuser, world.branch_b.grid_cell)  # same community, another branch
    client.force_login(secretary_a)
    response = client.post(
        f"{URL}{duplicate.pk}/merge/", {"original": hidden.pk}, content_type="application/json"
    )
    assert response.status_code == 400 and "original" in response.json()
    duplicate.refresh_from_db()
    assert duplicate.state == "reported"


def test_photos_are_added_by_content_and_refused_together(
    client, world, superuser, grid_worker, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    problem = report(superuser, world.branch_a.grid_cell)
    client.force_login(grid_worker)
    url = f"{URL}{problem.pk}/photos/"
    assert client.post(url, {}).status_code == 400
    fake = SimpleUploadedFile("x.jpg", b"MZ\x90\x00 not a photo", content_type="image/jpeg")
    good = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")
    refused = client.post(url, {"photos": [good, fake]})
    assert refused.status_code == 400 and "photos" in refused.json()
    assert not problem.photos.exists()
    good = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")
    added = client.post(url, {"photos": [good]})
    assert added.status_code == 201, added.content
    [photo] = added.json()
    assert photo["content_type"] == "image/png" and photo["url"].startswith("/residents/")
    assert client.get(photo["url"]).status_code == 200
    body = client.get(f"{URL}{problem.pk}/").json()
    assert [p["id"] for p in body["photos"]] == [photo["id"]]


def test_photos_of_a_problem_out_of_scope_are_not_found(client, world, superuser, secretary_a):
    problem = report(superuser, world.branch_b.grid_cell)
    client.force_login(secretary_a)
    good = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")
    assert client.post(f"{URL}{problem.pk}/photos/", {"photos": [good]}).status_code == 404
    assert not problem.photos.exists()

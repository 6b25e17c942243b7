"""The problems pages: the list in the user's scope with its filters and a fixed number of
queries, recording a problem from a phone (bad input: a message, nothing saved), a problem's
page with its steps, the steps' forms, photos and the masked phone."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from residents.models import Problem, ProblemState
from residents.services import problems as services
from residents.tests.support.problems import category, png_bytes, report

DAY = datetime.datetime(2026, 11, 2, 10, 0, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _day():
    with time_machine.travel(DAY, tick=False):
        yield


@pytest.fixture
def problems(world, superuser):
    return {
        name: report(
            superuser, getattr(world, f"branch_{name}").grid_cell, description=f"{name}问题"
        )
        for name in ("a", "b", "c", "d")
    }


def _listed(client, user, query=""):
    client.force_login(user)
    response = client.get(reverse("residents:problem_list") + query)
    assert response.status_code == 200
    return {p.description[0] for p in response.context["page"]}


def test_scope_of_the_list(
    client, problems, grid_worker, secretary_a, community_staff, street_staff, other_street_staff
):
    assert _listed(client, grid_worker) == {"a"}
    assert _listed(client, secretary_a) == {"a"}
    assert _listed(client, community_staff) == {"a", "b"}
    assert _listed(client, street_staff) == {"a", "b", "c"}
    assert _listed(client, other_street_staff) == {"d"}


def test_filters(client, problems, street_staff, world):
    problem = problems["b"]
    problem.due_on = datetime.date(2026, 11, 1)
    problem.save()
    assert _listed(client, street_staff, "?overdue=on") == {"b"}
    assert _listed(client, street_staff, f"?grid_cell={world.branch_c.grid_cell.pk}") == {"c"}
    assert _listed(client, street_staff, "?state=resolved") == set()
    assert _listed(client, street_staff, f"?category={category('other').pk}") == set()
    assert _listed(client, street_staff, "?state=nonsense&grid_cell=x") == {"a", "b", "c"}


def test_the_list_query_count_does_not_grow(
    client, street_staff, superuser, world, django_assert_max_num_queries
):
    for _ in range(3):
        report(superuser, world.branch_a.grid_cell)
    client.force_login(street_staff)
    url = reverse("residents:problem_list")
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    for _ in range(20):
        report(superuser, world.branch_b.grid_cell)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_recording_a_problem_with_a_photo(client, grid_worker, world):
    client.force_login(grid_worker)
    response = client.post(
        reverse("residents:problem_create"),
        {
            "grid_cell": world.branch_a.grid_cell.pk,
            "category": category().pk,
            "channel": "walk_in",
            "resident_name": "李师傅",
            "resident_phone": "13900001111",
            "description": "路灯不亮",
            "photos": SimpleUploadedFile("lamp.png", png_bytes(), content_type="image/png"),
        },
    )
    problem = Problem.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("residents:problem_detail", args=[problem.pk])
    assert problem.photos.count() == 1
    page = client.get(response.url)
    assert page.status_code == 200
    # the reporter calls back: the phone is masked, with "show in full (logged)"
    assert "139****1111" in page.content.decode()
    assert 'data-testid="phone-show"' in page.content.decode()
    photo = problem.photos.get()
    assert client.get(reverse("residents:problem_photo", args=[photo.pk])).status_code == 200


def test_a_cell_out_of_scope_or_a_false_photo_saves_nothing(client, grid_worker, world):
    client.force_login(grid_worker)
    data = {
        "grid_cell": world.branch_b.grid_cell.pk,
        "category": category().pk,
        "channel": "visit",
        "description": "x",
    }
    response = client.post(reverse("residents:problem_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["grid_cell"]
    data["grid_cell"] = world.branch_a.grid_cell.pk
    data["photos"] = SimpleUploadedFile(
        "evil.jpg", b"MZ\x90\x00 not a photo", content_type="image/jpeg"
    )
    response = client.post(reverse("residents:problem_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["photos"]
    assert not Problem.objects.exists()


def test_others_see_the_phone_masked(client, problems, street_staff):
    client.force_login(street_staff)
    page = client.get(reverse("residents:problem_detail", args=[problems["a"].pk])).content.decode()
    assert "13812345678" not in page
    assert "138****5678" in page


def test_a_problem_out_of_scope_is_not_found(client, problems, secretary_a):
    client.force_login(secretary_a)
    assert (
        client.get(reverse("residents:problem_detail", args=[problems["b"].pk])).status_code == 404
    )
    response = client.post(reverse("residents:problem_start", args=[problems["b"].pk]))
    assert response.status_code == 404


def test_the_steps_through_the_page(client, problems, grid_worker, secretary_a):
    problem = problems["a"]
    client.force_login(secretary_a)
    detail = reverse("residents:problem_detail", args=[problem.pk])
    assert "assign" in client.get(detail).context["forms"]
    client.post(
        reverse("residents:problem_assign", args=[problem.pk]), {"assignee": grid_worker.pk}
    )
    client.force_login(grid_worker)
    client.post(reverse("residents:problem_start", args=[problem.pk]), {"note": "上门"})
    response = client.post(
        reverse("residents:problem_resolve", args=[problem.pk]), {"resolution": ""}, follow=True
    )
    problem.refresh_from_db()
    assert problem.state == ProblemState.IN_PROGRESS  # no resolution note: refused
    assert list(response.context["messages"])
    client.post(reverse("residents:problem_resolve", args=[problem.pk]), {"resolution": "已修复"})
    client.post(
        reverse("residents:problem_confirm", args=[problem.pk]), {"satisfaction": "basically"}
    )
    problem.refresh_from_db()
    assert (problem.state, problem.satisfaction) == ("confirmed", "basically")
    assert len(client.get(detail).context["events"]) == 5


def test_escalate_and_merge_through_the_page(client, problems, superuser, secretary_a, world):
    duplicate = report(superuser, world.branch_a.grid_cell)
    client.force_login(secretary_a)
    client.post(
        reverse("residents:problem_merge", args=[duplicate.pk]), {"original": problems["a"].pk}
    )
    duplicate.refresh_from_db()
    assert duplicate.merged_into == problems["a"]
    client.post(reverse("residents:problem_escalate", args=[problems["a"].pk]), {"note": "协调"})
    problems["a"].refresh_from_db()
    assert problems["a"].level == "community"
    # at the community the branch reads it but no longer acts on it
    assert not client.get(reverse("residents:problem_detail", args=[problems["a"].pk])).context[
        "forms"
    ]
    assert not services.may_act(secretary_a, problems["a"])

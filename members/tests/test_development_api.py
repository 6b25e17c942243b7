"""/api/development-records/: scoped reads and one POST action per move."""

import datetime

import pytest

from members.models import Member, Stage
from members.tests.support.development import full_members, read_only_user, record_at

D = datetime.date
API = "/api/development-records/"


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to("2025-06-10 09:00 +08:00")
    return D(2025, 6, 10)


def post(client, record, move, data):
    return client.post(f"{API}{record.pk}/{move}/", data, content_type="application/json")


def test_anonymous_is_refused(client, world):
    record = record_at(world.branch_a)
    assert client.get(API).status_code == 403
    assert post(client, record, "talk", {"talked_on": "2024-03-05"}).status_code == 403


def test_list_holds_the_scope_only_and_masks_the_id_number(client, world, secretary_a):
    mine = record_at(world.branch_a)
    record_at(world.branch_b)
    client.force_login(secretary_a)
    results = client.get(API).json()["results"]
    assert [r["id"] for r in results] == [mine.pk]
    assert results[0]["id_number"] != mine.id_number
    assert results[0]["id_number"].endswith(mine.id_number[-4:])
    assert results[0]["due"][0]["level"] == "danger"  # the talk is overdue


def test_list_filters_by_stage(client, world, secretary_a):
    record_at(world.branch_a)
    activist = record_at(world.branch_a, Stage.ACTIVIST)
    client.force_login(secretary_a)
    results = client.get(API, {"stage": "activist"}).json()["results"]
    assert [r["id"] for r in results] == [activist.pk]
    assert results[0]["reviews"][0]["reviewed_on"] == "2024-09-15"


def test_filter_by_a_branch_outside_the_scope_is_a_400_naming_it(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.get(API, {"organization": world.branch_b.pk})
    assert response.status_code == 400
    assert "organization" in response.json()


def test_outsider_gets_404_on_the_record_and_its_actions(client, world, secretary_b):
    record = record_at(world.branch_a)
    client.force_login(secretary_b)
    assert client.get(f"{API}{record.pk}/").status_code == 404
    assert post(client, record, "talk", {"talked_on": "2024-03-05"}).status_code == 404


def test_read_only_role_gets_403_on_an_action(client, world):
    record = record_at(world.branch_a)
    client.force_login(read_only_user(world.branch_a))
    assert client.get(f"{API}{record.pk}/").status_code == 200
    assert post(client, record, "talk", {"talked_on": "2024-03-05"}).status_code == 403
    record.refresh_from_db()
    assert record.talked_on is None


def test_talk_action_records_the_talk(client, world, secretary_a):
    record = record_at(world.branch_a)
    client.force_login(secretary_a)
    response = post(client, record, "talk", {"talked_on": "2024-03-05"})
    assert response.status_code == 200
    assert response.json()["talked_on"] == "2024-03-05"


def test_refused_action_is_a_400_naming_the_field_and_the_date(client, world, secretary_a):
    record = record_at(world.branch_a, Stage.ACTIVIST)
    client.force_login(secretary_a)
    response = post(client, record, "candidate", {"candidate_on": "2025-03-31"})
    assert response.status_code == 400
    assert "2025-04-01" in response.json()["candidate_on"][0]


def test_action_with_missing_input_is_a_400_naming_the_field(client, world, secretary_a):
    record = record_at(world.branch_a)
    client.force_login(secretary_a)
    response = post(client, record, "talk", {})
    assert response.status_code == 400
    assert "talked_on" in response.json()


def test_wrong_stage_action_is_a_400_naming_the_stage(client, world, secretary_a):
    record = record_at(world.branch_a)
    client.force_login(secretary_a)
    response = post(client, record, "extend", {"decided_on": "2025-06-01", "months": 6})
    assert response.status_code == 400
    assert "stage" in response.json()


def test_activist_action_refuses_sponsors_outside_the_scope(client, world, secretary_a):
    record = record_at(world.branch_a, talked_on=D(2024, 3, 20))
    outsider = full_members(world.branch_b, 1)[0]
    client.force_login(secretary_a)
    response = post(
        client, record, "activist", {"activist_on": "2024-04-01", "sponsors": [outsider.pk]}
    )
    assert response.status_code == 400
    assert "sponsors" in response.json()
    sponsor = full_members(world.branch_a, 1)[0]
    response = post(
        client, record, "activist", {"activist_on": "2024-04-01", "sponsors": [sponsor.pk]}
    )
    assert response.status_code == 200
    assert response.json()["sponsors"] == [sponsor.pk]


def test_political_review_action_uses_its_dashed_path(client, world, secretary_a):
    record = record_at(world.branch_a, Stage.CANDIDATE)
    client.force_login(secretary_a)
    response = post(client, record, "political-review", {"political_review_on": "2025-05-01"})
    assert response.status_code == 200
    assert response.json()["political_review_on"] == "2025-05-01"


def test_approve_action_creates_the_member(client, world, secretary_a):
    record = record_at(
        world.branch_a,
        Stage.CANDIDATE,
        political_review_on=D(2025, 5, 1),
        training_started_on=D(2025, 5, 10),
        training_ended_on=D(2025, 5, 12),
        training_hours=24,
        admitted_on=D(2025, 6, 1),
    )
    client.force_login(secretary_a)
    response = post(client, record, "approve", {"approved_on": "2025-06-05"})
    assert response.status_code == 200
    assert response.json()["stage"] == "probationary"
    assert Member.objects.get().pk == response.json()["member"]


def test_list_query_count_does_not_grow_with_the_records(
    client, world, street_staff, django_assert_num_queries
):
    def fill(n):
        for _ in range(n):
            record = record_at(world.branch_a, Stage.ACTIVIST)
            record.sponsors.set(full_members(world.branch_a, 1))
            record_at(world.branch_c)

    fill(1)
    client.force_login(street_staff)
    client.get(API)
    # session, user, scope (posts, assignments), count, rows, sponsors, reviews, figures
    with django_assert_num_queries(9):
        client.get(API)
    fill(10)
    with django_assert_num_queries(9):
        assert client.get(API).json()["count"] == 22

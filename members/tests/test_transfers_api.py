"""Transfers over the API: the same scoping and services as the pages."""

import datetime

import pytest

from members.models import Member, Transfer, TransferState
from members.tests.support.transfers import (
    TODAY,
    incoming_at,
    letter_from_outside,
    member_of,
    read_only_user,
    transfer_at,
)

D = datetime.date
API = "/api/transfers/"


@pytest.fixture(autouse=True)
def today(time_machine, english):
    time_machine.move_to("2026-03-10 09:00 +08:00")
    return TODAY


@pytest.fixture
def a_to_d(world):
    return transfer_at(member_of(world.branch_a), to=world.branch_d)


def ids(response):
    return [row["id"] for row in response.json()["results"]]


def test_anonymous_is_refused(client, a_to_d):
    assert client.get(API).status_code == 403
    assert client.get(f"{API}{a_to_d.pk}/").status_code == 403


def test_the_list_and_detail_are_scoped_to_both_ends(
    client, world, a_to_d, secretary_a, secretary_b, other_street_staff
):
    client.force_login(secretary_a)
    assert ids(client.get(API)) == [a_to_d.pk]
    assert ids(client.get(API, {"tab": "in"})) == []
    client.force_login(other_street_staff)
    assert ids(client.get(API, {"tab": "in"})) == [a_to_d.pk]
    row = client.get(f"{API}{a_to_d.pk}/").json()
    assert (row["state"], row["to_organization_name"], row["events"][0]["to_state"]) == (
        "issued",
        "D支部",
        "issued",
    )
    client.force_login(secretary_b)
    assert ids(client.get(API)) == []
    assert client.get(f"{API}{a_to_d.pk}/").status_code == 404
    assert (
        client.post(
            f"{API}{a_to_d.pk}/cancel/", {"cancelled_on": "2026-03-10", "reason": "x"}
        ).status_code
        == 404
    )


def test_steps_go_through_the_services_and_refusals_name_the_field(
    client, world, a_to_d, other_street_staff
):
    client.force_login(other_street_staff)
    url = f"{API}{a_to_d.pk}/report/"
    response = client.post(url, {"reported_on": "2026-03-11"}, content_type="application/json")
    assert response.status_code == 400 and "reported_on" in response.json()
    response = client.post(url, {}, content_type="application/json")
    assert response.status_code == 400 and "reported_on" in response.json()
    response = client.post(url, {"reported_on": "2026-03-09"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["state"] == "reported"
    client.post(
        f"{API}{a_to_d.pk}/receipt/", {"receipt_on": "2026-03-10"}, content_type="application/json"
    )
    response = client.post(
        f"{API}{a_to_d.pk}/complete/",
        {"completed_on": "2026-03-10", "address": "ignored for an inside transfer"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["state"] == "completed"
    assert Member.objects.get(pk=a_to_d.member_id).organization == world.branch_d
    response = client.post(
        f"{API}{a_to_d.pk}/complete/",
        {"completed_on": "2026-03-10"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["state"] == ["This transfer is already completed (on 2026-03-10)."]


def test_a_step_of_the_other_side_or_a_read_only_user_is_403(client, world, a_to_d, secretary_a):
    client.force_login(secretary_a)
    response = client.post(f"{API}{a_to_d.pk}/report/", {"reported_on": "2026-03-09"})
    assert response.status_code == 403
    client.force_login(read_only_user(world.branch_a))
    response = client.post(
        f"{API}{a_to_d.pk}/cancel/", {"cancelled_on": "2026-03-10", "reason": "x"}
    )
    assert response.status_code == 403
    a_to_d.refresh_from_db()
    assert a_to_d.state == TransferState.ISSUED


def test_creating_a_transfer_and_refusing_bad_input(client, world, secretary_a, secretary_b):
    member = member_of(world.branch_a)
    client.force_login(secretary_a)
    response = client.post(
        API,
        {"member": member.pk, "to_organization": world.branch_a.pk},
        content_type="application/json",
    )
    assert response.status_code == 400 and "to_organization" in response.json()
    response = client.post(
        API,
        {"member": member.pk, "to_organization": world.branch_d.pk},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["state"] == "draft"
    response = client.post(
        API,
        {"member": member.pk, "to_organization": world.branch_c.pk},
        content_type="application/json",
    )
    assert response.status_code == 400 and "member" in response.json()
    client.force_login(secretary_b)
    response = client.post(API, {"member": member.pk, "to_organization": world.branch_c.pk})
    assert response.status_code == 400 and "member" in response.json()  # not even visible
    assert Transfer.objects.count() == 1


def test_recording_a_letter_from_outside(client, world, secretary_a, secretary_b):
    fields = letter_from_outside(world.branch_a)
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in fields.items()}
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
    data["status"] = data.pop("member_status")
    client.force_login(secretary_b)
    assert client.post(f"{API}incoming/", data, content_type="application/json").status_code == 400
    client.force_login(secretary_a)
    response = client.post(f"{API}incoming/", data, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["direction"] == "in" and body["id_number"].startswith("1101")
    assert "*" in body["id_number"]
    data.update(letter_number="OTHER-1", status="probationary")  # with a full-member date
    response = client.post(f"{API}incoming/", data, content_type="application/json")
    assert response.status_code == 400 and "full_member_on" in response.json()


def test_completing_a_transfer_from_outside_takes_the_roll_fields(client, world, secretary_a):
    transfer = incoming_at(world.branch_a, TransferState.REPORTED)
    client.force_login(secretary_a)
    response = client.post(
        f"{API}{transfer.pk}/complete/",
        {"completed_on": "2026-03-10", "workplace": "某公司", "education": "bachelor"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    member = Member.objects.get(pk=response.json()["member"])
    assert (member.workplace, member.education, member.organization) == (
        "某公司",
        "bachelor",
        world.branch_a,
    )


def test_a_group_transfer_is_all_or_nothing(client, world, secretary_a):
    members = [member_of(world.branch_a) for _ in range(2)]
    transfer_at(members[1], to=world.branch_c)
    client.force_login(secretary_a)
    data = {
        "title": "拆分",
        "members": [m.pk for m in members],
        "to_organization": world.branch_b.pk,
    }
    response = client.post(f"{API}group/", data, content_type="application/json")
    assert response.status_code == 400 and "members" in response.json()
    assert Transfer.objects.count() == 1
    data["members"] = [members[0].pk]
    response = client.post(f"{API}group/", data, content_type="application/json")
    assert response.status_code == 201 and len(response.json()["transfers"]) == 1


def test_the_api_list_costs_the_same_queries_for_few_or_many(
    client, world, street_staff, django_assert_num_queries
):
    def fill():
        transfer_at(member_of(world.branch_a), to=world.branch_d)
        transfer_at(member_of(world.branch_b), outside="外地")

    fill()
    client.force_login(street_staff)
    client.get(API)
    # session, user, scope (posts, assignments), count, rows, their steps
    with django_assert_num_queries(7):
        client.get(API)
    for _ in range(5):
        fill()
    with django_assert_num_queries(7):
        assert len(ids(client.get(API))) == 12

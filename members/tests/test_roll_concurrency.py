"""Many people registering the same person at the same moment, on PostgreSQL (SQLite runs one
writer at a time, so it cannot show the race), through the API and the page: exactly one
member row with one history row, every other request a clear refusal on ``id_number``, and
no server error."""

import pytest
from django.test import Client
from django.urls import reverse

from members.models import Member
from members.services import roll
from members.tests.factories import MemberFactory
from tests.concurrency import run_at_once

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]

ID_NUMBER = "51010419900307004X"
REFUSAL = "Party member with this ID number already exists."


def person(world) -> dict:
    return {
        "name": "孙八",
        "gender": "F",
        "birth_date": "1990-03-07",
        "id_number": ID_NUMBER,
        "employment": "employed",
        "status": "full",
        "joined_on": "2015-07-01",
        "full_member_on": "2016-07-01",
        "organization": world.branch_a.pk,
    }


def logged_in(user, count: int) -> list[Client]:
    clients = [Client() for _ in range(count)]
    for client in clients:
        client.force_login(user)
    return clients


def test_fifty_api_creations_of_one_id_number_create_one_member_and_refuse_49_on_id_number(
    postgres, world, secretary_a
):
    """Business effect counted: one Member row (and its one history row) per ID number."""
    data = person(world)
    clients = logged_in(secretary_a, 50)

    def post(client):
        return lambda: client.post("/api/members/", data, content_type="application/json")

    responses = run_at_once(*(post(c) for c in clients))

    assert not [r for r in responses if isinstance(r, Exception)], responses
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [400] * 49, statuses
    refusals = [r.json() for r in responses if r.status_code == 400]
    assert all(body == {"id_number": [REFUSAL]} for body in refusals), refusals
    member = Member.objects.get(id_number=ID_NUMBER)
    assert Member.history.filter(id=member.pk).count() == 1


def test_concurrent_page_posts_of_one_id_number_add_one_member_and_show_the_error_on_id_number(
    postgres, world, secretary_a
):
    """Business effect counted: one Member row (and its one history row) per ID number."""
    data = person(world) | {"ethnicity": "汉族"}
    clients = logged_in(secretary_a, 5)

    def post(client):
        return lambda: client.post(reverse("members:add"), data)

    responses = run_at_once(*(post(c) for c in clients))

    assert not [r for r in responses if isinstance(r, Exception)], responses
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] * 4 + [302], statuses
    for response in responses:
        if response.status_code == 200:
            assert response.context["form"].errors == {"id_number": [REFUSAL]}
    member = Member.objects.get(id_number=ID_NUMBER)
    assert Member.history.filter(id=member.pk).count() == 1


def test_a_clash_past_the_check_is_the_same_refusal_on_id_number(
    postgres, world, secretary_a, monkeypatch
):
    """Were the check before saving to miss the other row (it was committed just after),
    the unique index's refusal becomes the same message, and nothing is saved."""
    MemberFactory(id_number=ID_NUMBER, organization=world.branch_b)
    monkeypatch.setattr(Member, "validate_unique", lambda self, exclude=None: None)
    fields = person(world) | {"organization": world.branch_a}
    with pytest.raises(roll.ValidationError) as refused:
        roll.member_create(actor=secretary_a, **fields)
    assert refused.value.message_dict == {"id_number": [REFUSAL]}
    assert Member.objects.filter(id_number=ID_NUMBER).count() == 1

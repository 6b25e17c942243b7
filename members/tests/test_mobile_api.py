"""The mobile members API: scoped list and detail with the page's filters, masked personal
data, and a POST ``contact`` through the service (a refusal is a 400 naming the field)."""

import pytest

from members.models import MobileContact
from members.tests.support.mobile import NOW, D, contact, incoming, outgoing, reader_of

LIST = "/api/mobile-members/"


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(NOW)


def contact_url(record) -> str:
    return f"{LIST}{record.pk}/contact/"


def test_records_are_listed_for_the_scope_with_personal_data_masked(client, world, secretary_a):
    mine = incoming(world.branch_a, phone="13712345678")
    other = outgoing(world.branch_b)
    client.force_login(secretary_a)
    [row] = client.get(LIST).json()["results"]
    assert row["id"] == mine.pk and row["display_name"] == "李流入"
    assert row["phone"] == "137****5678" and row["id_number"].startswith("4201**")
    assert client.get(f"{LIST}{other.pk}/").status_code == 404


def test_the_list_takes_the_pages_filters(client, world, secretary_a):
    silent = outgoing(world.branch_a, away_since=D(2025, 1, 1))
    talked = outgoing(world.branch_a, away_since=D(2025, 1, 1))
    contact(talked, D(2025, 6, 1), secretary_a)
    ended = outgoing(world.branch_a, ended_on=D(2025, 5, 1), end_reason="left")
    client.force_login(secretary_a)

    def ids(**query):
        return {r["id"] for r in client.get(LIST, query).json()["results"]}

    assert ids() == {silent.pk, talked.pk}
    assert ids(not_contacted="true") == {silent.pk}
    assert ids(state="ended") == {ended.pk}
    detail = client.get(f"{LIST}{talked.pk}/").json()
    assert detail["last_contact_on"] == "2025-06-01" and len(detail["contacts"]) == 1


def test_an_organization_out_of_scope_is_a_400_naming_the_filter(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.get(LIST, {"organization": world.branch_b.pk})
    assert response.status_code == 400 and "organization" in response.json()


def test_a_contact_is_logged_through_the_api(client, world, secretary_a):
    record = outgoing(world.branch_a)
    client.force_login(secretary_a)
    response = client.post(
        contact_url(record),
        {"contacted_on": "2025-06-15", "channel": "message", "outcome": "微信联系，安好"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["last_contact_on"] == "2025-06-15"
    assert MobileContact.objects.get().contacted_by == secretary_a


def test_a_contact_dated_in_the_future_is_a_400_with_nothing_saved(client, world, secretary_a):
    record = outgoing(world.branch_a)
    client.force_login(secretary_a)
    response = client.post(
        contact_url(record),
        {"contacted_on": "2025-06-16", "channel": "phone", "outcome": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "contacted_on" in response.json()
    assert not MobileContact.objects.exists()


def test_a_contact_is_refused_to_read_only_roles_and_outsiders(client, world, secretary_b):
    record = outgoing(world.branch_a)
    body = {"contacted_on": "2025-06-15", "channel": "phone", "outcome": "x"}
    client.force_login(reader_of(world.branch_a))
    assert (
        client.post(contact_url(record), body, content_type="application/json").status_code == 403
    )
    client.force_login(secretary_b)
    assert (
        client.post(contact_url(record), body, content_type="application/json").status_code == 404
    )
    assert not MobileContact.objects.exists()


def test_records_are_not_written_through_the_api(client, world, secretary_a):
    client.force_login(secretary_a)
    assert client.post(LIST, {}, content_type="application/json").status_code == 405


def test_anonymous_api_is_refused(client, world):
    assert client.get(LIST).status_code in (401, 403)


@pytest.mark.parametrize("size", [1, 6])
def test_the_list_takes_the_same_queries_whatever_the_size(
    client, world, secretary_a, django_assert_num_queries, size
):
    for _ in range(size):
        record = outgoing(world.branch_a, permit_issued_on=D(2025, 1, 1))
        contact(record, D(2025, 6, 1), secretary_a)
        incoming(world.branch_a)
    client.force_login(secretary_a)
    # session, user, scope (2), count, page, contacts, renewals
    with django_assert_num_queries(8):
        assert len(client.get(LIST).json()["results"]) == 2 * size

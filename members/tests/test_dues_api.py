"""The dues API: scoped records with filters and the pay action; the rate table read-only."""

import datetime
from decimal import Decimal as D

import pytest

from accounts.tests.factories import UserFactory
from members.models import DuesPayment, DuesRecord
from members.tests.factories import MemberFactory
from organizations.models import Role
from organizations.tests.factories import PostFactory

JUNE = datetime.date(2025, 6, 1)


@pytest.fixture(autouse=True)
def _mid_june(time_machine):
    time_machine.move_to("2025-06-15 09:00 +08:00")


def record(member, month=JUNE, paid_on=None):
    return DuesRecord.objects.create(
        member=member,
        month=month,
        category="employed",
        income=D("4000"),
        expected=D("40"),
        paid=D("40") if paid_on else D("0"),
        paid_on=paid_on,
    )


def test_records_are_listed_for_the_scope_only(client, world, secretary_a):
    mine = record(MemberFactory(organization=world.branch_a))
    record(MemberFactory(organization=world.branch_b))
    client.force_login(secretary_a)
    results = client.get("/api/dues-records/").json()["results"]
    assert [r["id"] for r in results] == [mine.pk]
    assert results[0]["month"] == "2025-06"


def test_records_filter_by_member_month_and_paid(client, world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    may = record(member, datetime.date(2025, 5, 1), paid_on=datetime.date(2025, 5, 2))
    june = record(member)
    other = record(MemberFactory(organization=world.branch_a))
    client.force_login(secretary_a)

    def ids(**params):
        return {r["id"] for r in client.get("/api/dues-records/", params).json()["results"]}

    assert ids(member=member.pk) == {may.pk, june.pk}
    assert ids(month="2025-05") == {may.pk}
    assert ids(paid="true") == {may.pk}
    assert ids(paid="false") == {june.pk, other.pk}


def test_a_bad_month_filter_is_a_400_naming_the_field(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.get("/api/dues-records/", {"month": "June"})
    assert response.status_code == 400 and "month" in response.json()


def test_paying_through_the_api_uses_the_same_rules(client, world, secretary_a):
    row = record(MemberFactory(organization=world.branch_a))
    client.force_login(secretary_a)
    url = f"/api/dues-records/{row.pk}/pay/"
    response = client.post(url, {"amount": "39.99", "paid_on": "2025-06-10"})
    assert response.status_code == 400 and "40.00" in response.json()["amount"][0]
    assert not DuesPayment.objects.exists()
    response = client.post(url, {"amount": "40.00", "paid_on": "2025-06-10"})
    assert response.status_code == 200 and response.json()["paid_on"] == "2025-06-10"


def test_another_branchs_record_is_a_404_and_a_readers_payment_a_403(client, world, secretary_b):
    row = record(MemberFactory(organization=world.branch_a))
    client.force_login(secretary_b)
    assert client.get(f"/api/dues-records/{row.pk}/").status_code == 404
    data = {"amount": "40", "paid_on": "2025-06-10"}
    assert client.post(f"/api/dues-records/{row.pk}/pay/", data).status_code == 404
    reader = UserFactory()
    PostFactory(user=reader, organization=world.branch_a, role=Role.COMMITTEE_MEMBER)
    client.force_login(reader)
    assert client.get(f"/api/dues-records/{row.pk}/").status_code == 200
    assert client.post(f"/api/dues-records/{row.pk}/pay/", data).status_code == 403
    assert not DuesPayment.objects.exists()


def test_anonymous_api_is_refused(client, world):
    assert client.get("/api/dues-records/").status_code in (401, 403)
    assert client.get("/api/dues-rates/").status_code in (401, 403)


def test_the_rate_table_is_read_only(client, world, secretary_a):
    client.force_login(secretary_a)
    rates = client.get("/api/dues-rates/").json()["results"]
    assert len(rates) == 11
    assert client.post("/api/dues-rates/", {"category": "employed"}).status_code == 405


def test_the_record_list_query_count_does_not_grow(
    client, world, secretary_a, django_assert_num_queries
):
    for _ in range(2):
        record(MemberFactory(organization=world.branch_a))
    client.force_login(secretary_a)
    client.get("/api/dues-records/")
    with django_assert_num_queries(6):  # session, user, posts, assignments, count, page
        client.get("/api/dues-records/")
    for _ in range(12):
        record(MemberFactory(organization=world.branch_a))
    with django_assert_num_queries(6):
        assert client.get("/api/dues-records/").json()["count"] == 14

"""Dues pages through their URLs: the overview, the month sheet, opening, income, arrears."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from members.models import DuesPayment, DuesRecord, EmploymentCategory
from members.tests.factories import MemberFactory
from organizations.models import Role
from organizations.tests.factories import PostFactory

# these tests read message texts: they run in English whatever the catalogue says
pytestmark = pytest.mark.usefixtures("english")

JUNE = datetime.date(2025, 6, 1)
MAY = datetime.date(2025, 5, 1)


@pytest.fixture(autouse=True)
def _mid_june(time_machine):
    time_machine.move_to("2025-06-15 09:00 +08:00")


@pytest.fixture
def reader_a(world):
    user = UserFactory(username="reader_a")
    PostFactory(user=user, organization=world.branch_a, role=Role.COMMITTEE_MEMBER)
    return user


def sheet_url(org, month=JUNE):
    return reverse("members:dues_month", kwargs={"org_pk": org.pk, "month": month})


def record(member, month=JUNE, income="4000", paid_on=None):
    return DuesRecord.objects.create(
        member=member,
        month=month,
        category=EmploymentCategory.EMPLOYED,
        income=None if income is None else D(income),
        expected=D(income) / 100 if income else D("0"),
        paid=D(income) / 100 if paid_on else D("0"),
        paid_on=paid_on,
    )


def test_the_sheet_url_carries_the_month_as_yyyy_mm(world):
    assert sheet_url(world.branch_a).endswith(f"/{world.branch_a.pk}/2025-06/")


def test_a_month_that_does_not_exist_is_a_404(client, world, secretary_a):
    client.force_login(secretary_a)
    assert client.get(f"/members/dues/{world.branch_a.pk}/2025-13/").status_code == 404


def test_the_sheet_lists_every_record_with_its_status(client, world, secretary_a):
    paid = record(MemberFactory(organization=world.branch_a), paid_on=datetime.date(2025, 6, 3))
    unknown = record(MemberFactory(organization=world.branch_a), income=None)
    MemberFactory(organization=world.branch_a)  # not opened yet
    client.force_login(secretary_a)
    response = client.get(sheet_url(world.branch_a))
    sheet = response.context["sheet"]
    statuses = {r.pk: r.status for r in sheet.records}
    assert statuses == {paid.pk: "paid", unknown.pk: "income_needed"}
    assert sheet.not_opened == 1
    assert "Open the month" in response.content.decode()


def test_opening_the_month_from_the_sheet_creates_the_records(client, world, secretary_a):
    MemberFactory.create_batch(2, organization=world.branch_a)
    client.force_login(secretary_a)
    url = reverse("members:dues_month_open", kwargs={"org_pk": world.branch_a.pk, "month": JUNE})
    response = client.post(url)
    assert response.status_code == 302 and response.url == sheet_url(world.branch_a)
    assert DuesRecord.objects.filter(month=JUNE).count() == 2
    client.post(url)
    assert DuesRecord.objects.filter(month=JUNE).count() == 2


def test_ticked_payments_are_recorded_together(client, world, secretary_a):
    first = record(MemberFactory(organization=world.branch_a), income="3000")
    second = record(MemberFactory(organization=world.branch_a), income="5000")
    client.force_login(secretary_a)
    response = client.post(
        sheet_url(world.branch_a),
        {
            "paid_on": "2025-06-10",
            f"pay_{first.pk}": "on",
            f"amount_{first.pk}": "30.00",
            f"pay_{second.pk}": "on",
            f"amount_{second.pk}": "50.00",
        },
    )
    assert response.status_code == 302
    assert DuesPayment.objects.count() == 2


def test_one_payment_below_the_rate_saves_none_of_the_ticked_payments(client, world, secretary_a):
    first = record(MemberFactory(organization=world.branch_a), income="3000")
    second = record(MemberFactory(organization=world.branch_a), income="5000")
    client.force_login(secretary_a)
    response = client.post(
        sheet_url(world.branch_a),
        {
            "paid_on": "2025-06-10",
            f"pay_{first.pk}": "on",
            f"amount_{first.pk}": "30.00",
            f"pay_{second.pk}": "on",
            f"amount_{second.pk}": "49.99",
        },
    )
    assert response.status_code == 200
    rows = {r.pk: r for r in response.context["sheet"].records}
    assert "50.00" in rows[second.pk].errors[0]
    assert not DuesPayment.objects.exists()
    assert not DuesRecord.objects.filter(paid_on__isnull=False).exists()


def test_a_payment_date_in_the_future_is_shown_on_the_date_field(client, world, secretary_a):
    row = record(MemberFactory(organization=world.branch_a))
    client.force_login(secretary_a)
    response = client.post(
        sheet_url(world.branch_a),
        {"paid_on": "2025-06-20", f"pay_{row.pk}": "on", f"amount_{row.pk}": "40"},
    )
    assert response.context["form"].errors["paid_on"]
    assert not DuesPayment.objects.exists()


def test_entering_the_income_on_the_sheet_fills_in_the_amount_due(client, world, secretary_a):
    row = record(MemberFactory(organization=world.branch_a), income=None)
    client.force_login(secretary_a)
    url = reverse("members:dues_record_income", kwargs={"pk": row.pk})
    response = client.post(url, {"income": "10000.01", "next": sheet_url(world.branch_a)})
    assert response.status_code == 302 and response.url == sheet_url(world.branch_a)
    row.refresh_from_db()
    assert row.expected == D("200.00")


def test_a_bad_income_is_refused_with_nothing_saved(client, world, secretary_a):
    row = record(MemberFactory(organization=world.branch_a), income=None)
    client.force_login(secretary_a)
    url = reverse("members:dues_record_income", kwargs={"pk": row.pk})
    client.post(url, {"income": "-5"})
    row.refresh_from_db()
    assert row.income is None


def test_the_arrears_page_lists_members_with_unpaid_past_months(client, world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    record(member, MAY)
    client.force_login(secretary_a)
    response = client.get(reverse("members:dues_arrears"))
    assert [m.pk for m in response.context["page"]] == [member.pk]
    response = client.get(reverse("members:dues_arrears"), {"long": "1"})
    assert list(response.context["page"]) == []


# Who may do what


@pytest.mark.parametrize("name", ["dues_overview", "dues_arrears"])
def test_anonymous_is_sent_to_log_in(client, world, name):
    response = client.get(reverse(f"members:{name}"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_anonymous_is_sent_to_log_in_from_the_sheet(client, world):
    response = client.get(sheet_url(world.branch_a))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_another_branchs_sheet_is_a_404(client, world, secretary_b):
    row = record(MemberFactory(organization=world.branch_a))
    client.force_login(secretary_b)
    assert client.get(sheet_url(world.branch_a)).status_code == 404
    assert client.post(sheet_url(world.branch_a), {}).status_code == 404
    open_url = reverse(
        "members:dues_month_open", kwargs={"org_pk": world.branch_a.pk, "month": JUNE}
    )
    assert client.post(open_url).status_code == 404
    income_url = reverse("members:dues_record_income", kwargs={"pk": row.pk})
    assert client.post(income_url, {"income": "1"}).status_code == 404


def test_another_branchs_members_are_not_in_the_overview_or_arrears(client, world, secretary_b):
    record(MemberFactory(organization=world.branch_a), MAY)
    client.force_login(secretary_b)
    rows = client.get(reverse("members:dues_overview")).context["rows"]
    assert [(r["name"], sum(c.total for c in r["cells"])) for r in rows] == [("B支部", 0)]
    assert list(client.get(reverse("members:dues_arrears")).context["page"]) == []


def test_a_reader_sees_the_sheet_but_may_not_change_it(client, world, reader_a):
    row = record(MemberFactory(organization=world.branch_a))
    client.force_login(reader_a)
    response = client.get(sheet_url(world.branch_a))
    assert response.status_code == 200 and not response.context["can_manage"]
    data = {"paid_on": "2025-06-10", f"pay_{row.pk}": "on", f"amount_{row.pk}": "40"}
    assert client.post(sheet_url(world.branch_a), data).status_code == 403
    open_url = reverse(
        "members:dues_month_open", kwargs={"org_pk": world.branch_a.pk, "month": JUNE}
    )
    assert client.post(open_url).status_code == 403
    income_url = reverse("members:dues_record_income", kwargs={"pk": row.pk})
    assert client.post(income_url, {"income": "1"}).status_code == 403
    assert not DuesPayment.objects.exists()


def test_opening_only_accepts_post(client, world, secretary_a):
    client.force_login(secretary_a)
    url = reverse("members:dues_month_open", kwargs={"org_pk": world.branch_a.pk, "month": JUNE})
    assert client.get(url).status_code == 405


# Query counts at two sizes


def _grow(world, members: int, months: int = 3):
    from members.dues_table import add_months

    for _ in range(members):
        member = MemberFactory(organization=world.branch_a)
        for n in range(months):
            record(member, add_months(JUNE, -n), paid_on=None if n % 2 else JUNE)


def test_the_sheet_query_count_does_not_grow_with_the_branch(
    client, world, secretary_a, django_assert_num_queries
):
    _grow(world, 2)
    client.force_login(secretary_a)
    url = sheet_url(world.branch_a)
    client.get(url)
    # session, user, posts, grid assignments, organization, make-up figure, rates,
    # records, members not opened
    with django_assert_num_queries(10):
        client.get(url)
    _grow(world, 15)
    with django_assert_num_queries(10):
        response = client.get(url)
    assert len(response.context["sheet"].records) == 17


def test_the_overview_query_count_does_not_grow_with_the_records(
    client, world, community_staff, django_assert_num_queries
):
    _grow(world, 2)
    client.force_login(community_staff)
    url = reverse("members:dues_overview")
    client.get(url)
    # session, user, posts, grid assignments, organizations, one aggregated query
    with django_assert_num_queries(7):
        client.get(url)
    _grow(world, 15, months=6)
    with django_assert_num_queries(7):
        response = client.get(url)
    rows = {row["id"]: row for row in response.context["rows"]}
    assert rows[world.branch_a.pk]["cells"][-1].total == 17


def test_the_arrears_query_count_does_not_grow_with_the_members(
    client, world, secretary_a, django_assert_num_queries
):
    _grow(world, 2)
    client.force_login(secretary_a)
    url = reverse("members:dues_arrears")
    client.get(url)
    # session, user, posts, grid assignments, count, page, make-up figure
    with django_assert_num_queries(8):
        client.get(url)
    _grow(world, 15)
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.context["page"].paginator.count == 17

"""Mobile member pages through their URLs: census, lists, a record with its forms.
Outsiders get 404, read-only roles 403, anonymous users the login page; bad input is shown
on the form with nothing saved."""

import pytest
from django.urls import reverse

from members.models import MobileContact, MobileMember, PermitRenewal
from members.tests.factories import MemberFactory
from members.tests.support.mobile import (
    NOW,
    D,
    contact,
    incoming,
    outgoing,
    reader_of,
    transfer_out,
)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(NOW)


@pytest.fixture
def record(world):
    return outgoing(
        world.branch_a,
        permit_number="LD-1",
        permit_issued_on=D(2024, 7, 1),
        permit_valid_until=D(2025, 7, 1),
    )


def url(name, *args, **query):
    path = reverse(f"members:{name}", args=args)
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


# access


@pytest.mark.parametrize(
    "name", ["mobile_census", "mobile_list", "mobile_create", "mobile_drifting", "mobile_pocket"]
)
def test_anonymous_users_are_sent_to_the_login_page(client, world, name):
    response = client.get(url(name))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_anonymous_users_cannot_open_a_record(client, record):
    response = client.get(url("mobile_detail", record.pk))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("name", ["mobile_detail", "mobile_edit"])
def test_another_branchs_record_is_a_404(client, secretary_b, record, name):
    client.force_login(secretary_b)
    assert client.get(url(name, record.pk)).status_code == 404


@pytest.mark.parametrize(
    "name", ["mobile_contact", "mobile_permit_issue", "mobile_permit_renew", "mobile_end"]
)
def test_posting_to_another_branchs_record_is_a_404(client, secretary_b, record, name):
    client.force_login(secretary_b)
    assert client.post(url(name, record.pk), {}).status_code == 404


@pytest.mark.parametrize(
    "name", ["mobile_contact", "mobile_permit_issue", "mobile_permit_renew", "mobile_end"]
)
def test_a_read_only_member_of_the_committee_gets_403_on_every_form(client, world, record, name):
    client.force_login(reader_of(world.branch_a))
    assert client.post(url(name, record.pk), {}).status_code == 403
    assert client.get(url("mobile_edit", record.pk)).status_code == 403
    assert client.get(url("mobile_create")).status_code == 403


def test_a_read_only_member_reads_the_record_without_forms(client, world, record):
    client.force_login(reader_of(world.branch_a))
    response = client.get(url("mobile_detail", record.pk))
    assert response.status_code == 200 and "contact_form" not in response.context


def test_the_forms_only_accept_post(client, secretary_a, record):
    client.force_login(secretary_a)
    assert client.get(url("mobile_contact", record.pk)).status_code == 405


def test_a_census_narrowed_to_an_organization_out_of_scope_is_a_404(client, world, secretary_a):
    client.force_login(secretary_a)
    assert client.get(url("mobile_census", organization=world.branch_b.pk)).status_code == 404
    assert client.get(url("mobile_drifting", organization=world.branch_b.pk)).status_code == 404


# census and lists


def test_the_census_shows_the_figures_of_the_scope(client, world, street_staff):
    outgoing(world.branch_a, away_since=D(2024, 1, 1))
    incoming(world.branch_b)
    outgoing(world.branch_d)
    client.force_login(street_staff)
    response = client.get(url("mobile_census"))
    assert response.status_code == 200
    census = response.context["census"]
    assert (census.totals.open, census.totals.not_contacted) == (2, 2)
    assert 'data-figure="open">2<' in response.content.decode()
    narrowed = client.get(url("mobile_census", organization=world.branch_b.pk)).context["census"]
    assert narrowed.totals.open == 1


def test_the_list_filters_by_the_census_figures(client, world, secretary_a):
    silent = outgoing(world.branch_a, away_since=D(2025, 1, 1))
    talked = outgoing(world.branch_a, away_since=D(2025, 1, 1), category="graduate")
    contact(talked, D(2025, 6, 1), secretary_a)
    ended = outgoing(world.branch_a, ended_on=D(2025, 5, 1), end_reason="returned")
    outgoing(world.branch_b)
    client.force_login(secretary_a)

    def listed(**query):
        return {r.pk for r in client.get(url("mobile_list", **query)).context["page"]}

    assert listed() == {silent.pk, talked.pk}
    assert listed(not_contacted="true") == {silent.pk}
    assert listed(category="graduate") == {talked.pk}
    assert listed(state="ended") == {ended.pk}
    assert listed(state="all") == {silent.pk, talked.pk, ended.pk}


def test_the_drifting_and_pocket_lists_show_the_scope(client, world, secretary_a):
    drifting = MemberFactory(organization=world.branch_a)
    MemberFactory(organization=world.branch_b)
    lapsed = transfer_out(MemberFactory(organization=world.branch_a), secretary_a)
    client.force_login(secretary_a)
    page = client.get(url("mobile_drifting")).context["page"]
    assert {m.pk for m in page} == {drifting.pk, lapsed.member_id}
    assert [t.pk for t in client.get(url("mobile_pocket")).context["page"]] == [lapsed.pk]


def grow(world, by, n: int) -> None:
    for i in range(n):
        branch = world.branch_a if i % 2 else world.branch_b
        record = outgoing(branch, away_since=D(2024, 1, 1))
        contact(record, D(2024, 12, 1), by)
        incoming(branch)
        transfer_out(record.member, by)


@pytest.mark.parametrize("size", [1, 6])
@pytest.mark.parametrize(
    ("name", "queries"),
    [
        # every page: session, user, scope (2), unread reminders, organization choices
        # census: figures in force, by category, by organization, drifting, pocket, may record
        ("mobile_census", 12),
        # list: figures in force, count, page, may record
        ("mobile_list", 10),
        # drifting: figures in force, count, page
        ("mobile_drifting", 9),
        # pocket: count, page
        ("mobile_pocket", 8),
    ],
)
def test_the_pages_take_the_same_queries_whatever_the_size(
    client, world, street_staff, secretary_a, django_assert_num_queries, size, name, queries
):
    grow(world, secretary_a, size)
    client.force_login(street_staff)
    with django_assert_num_queries(queries):
        assert client.get(url(name)).status_code == 200


# a record


def test_the_record_page_masks_the_phone_and_the_id_number(client, world, secretary_a):
    record = incoming(world.branch_a, phone="13712345678")
    client.force_login(secretary_a)
    body = client.get(url("mobile_detail", record.pk)).content.decode()
    assert "137****5678" in body and "13712345678" not in body
    assert record.id_number not in body and record.id_number[-4:] in body


def test_a_secretary_records_a_member_going_away(client, world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    offered = client.get(url("mobile_create")).context["form"].fields["member"].queryset
    assert list(offered) == [member]
    response = client.post(
        url("mobile_create"),
        {
            "direction": "out",
            "category": "migrant_worker",
            "member": member.pk,
            "whereabouts": "浙江杭州",
            "away_since": "2025-05-01",
            "permit_number": "LD-9",
            "permit_issued_on": "2025-05-01",
        },
    )
    record = MobileMember.objects.get()
    assert response.status_code == 302 and response.url == url("mobile_detail", record.pk)
    assert (record.member, record.permit_valid_until) == (member, D(2026, 5, 1))


def test_a_member_living_here_without_a_name_is_refused_on_the_form(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.post(
        url("mobile_create"),
        {
            "direction": "in",
            "category": "talent",
            "organization": world.branch_a.pk,
            "home_organization": "外地支部",
            "whereabouts": "3栋",
            "away_since": "2025-05-01",
        },
    )
    assert response.status_code == 200 and "name" in response.context["form"].errors
    assert not MobileMember.objects.exists()


def test_a_contact_is_logged_from_the_record_page(client, secretary_a, record):
    client.force_login(secretary_a)
    response = client.post(
        url("mobile_contact", record.pk),
        {
            "contacted_on": "2025-06-14",
            "channel": "phone",
            "outcome": "在深圳，安好",
            "reached": "on",
        },
    )
    assert response.status_code == 302
    logged = MobileContact.objects.get()
    assert (logged.contacted_by, logged.reached) == (secretary_a, True)


def test_a_contact_dated_in_the_future_is_refused_with_nothing_saved(client, secretary_a, record):
    client.force_login(secretary_a)
    response = client.post(
        url("mobile_contact", record.pk),
        {"contacted_on": "2025-06-16", "channel": "phone", "outcome": "x"},
    )
    assert response.status_code == 200
    assert "contacted_on" in response.context["contact_form"].errors
    assert not MobileContact.objects.exists()


def test_a_renewal_valid_until_before_it_was_renewed_is_refused_with_nothing_saved(
    client, secretary_a, record
):
    client.force_login(secretary_a)
    response = client.post(
        url("mobile_permit_renew", record.pk),
        {"renewed_on": "2025-06-10", "valid_until": "2025-06-01"},
    )
    assert response.status_code == 200
    assert "valid_until" in response.context["renew_form"].errors
    record.refresh_from_db()
    assert record.permit_valid_until == D(2025, 7, 1) and not PermitRenewal.objects.exists()


def test_a_renewal_moves_the_validity(client, secretary_a, record):
    client.force_login(secretary_a)
    client.post(url("mobile_permit_renew", record.pk), {"renewed_on": "2025-06-10"})
    record.refresh_from_db()
    assert record.permit_valid_until == D(2026, 6, 10)


def test_a_permit_valid_until_before_it_was_issued_is_refused_with_nothing_saved(
    client, world, secretary_a
):
    record = outgoing(world.branch_a)
    client.force_login(secretary_a)
    response = client.post(
        url("mobile_permit_issue", record.pk),
        {
            "permit_number": "LD-2",
            "permit_issued_on": "2025-06-01",
            "permit_valid_until": "2025-05-31",
        },
    )
    assert response.status_code == 200
    assert "permit_valid_until" in response.context["permit_form"].errors
    record.refresh_from_db()
    assert record.permit_issued_on is None


def test_ending_a_record_removes_its_forms(client, secretary_a, record):
    client.force_login(secretary_a)
    client.post(url("mobile_end", record.pk), {"ended_on": "2025-06-15", "end_reason": "returned"})
    record.refresh_from_db()
    assert (record.ended_on, record.end_reason) == (D(2025, 6, 15), "returned")
    assert "contact_form" not in client.get(url("mobile_detail", record.pk)).context


def test_editing_keeps_the_phone_when_the_field_is_left_empty(client, world, secretary_a):
    record = incoming(world.branch_a, phone="13712345678")
    client.force_login(secretary_a)
    page = client.get(url("mobile_edit", record.pk)).content.decode()
    assert "13712345678" not in page
    response = client.post(
        url("mobile_edit", record.pk),
        {
            "category": "talent",
            "whereabouts": "5栋",
            "away_since": "2025-02-01",
            "phone": "",
            "name": "李流入",
            "gender": "F",
            "id_number": "",
            "home_organization": "湖北省某村党支部",
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.whereabouts, record.phone) == ("5栋", "13712345678")


def test_a_grid_worker_reads_the_records_of_their_cells(client, world, grid_worker):
    mine = incoming(world.branch_a)
    incoming(world.branch_b)
    client.force_login(grid_worker)
    assert {r.pk for r in client.get(url("mobile_list")).context["page"]} == {mine.pk}
    assert client.get(url("mobile_create")).status_code == 403

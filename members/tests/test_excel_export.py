"""The member roll exported to Excel: masked unless unmasking is allowed and logged, scoped,
filtered, and at a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from accounts.privacy import mask_id_number, mask_phone
from members.models import MemberStatus, SensitiveAccess
from members.tests.factories import MemberFactory
from members.tests.support.excel import (
    HEADER_ZH,
    read_response_workbook,
)

EXPORT = reverse("members:import_members_export")
ID, PHONE, BRANCH = (
    HEADER_ZH.index("身份证号"),
    HEADER_ZH.index("手机号"),
    HEADER_ZH.index("所在支部"),
)


def _rows(response) -> list[tuple]:
    sheet = read_response_workbook(response).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER_ZH
    return rows[1:]


@pytest.fixture
def members_ab(world):
    return (
        MemberFactory.create_batch(2, organization=world.branch_a),
        MemberFactory.create_batch(2, organization=world.branch_b),
    )


def test_export_is_masked_by_default_and_logs_nothing(client, secretary_a, members_ab):
    client.force_login(secretary_a)
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    rows = _rows(response)
    members_a = sorted(members_ab[0], key=lambda m: m.name_initials)
    assert {(r[ID], r[PHONE]) for r in rows} == {
        (mask_id_number(m.id_number), mask_phone(m.phone)) for m in members_a
    }
    assert not SensitiveAccess.objects.exists()


def test_export_writes_labels_and_dates_as_the_import_reads_them(client, world, secretary_a):
    MemberFactory(
        organization=world.branch_a,
        name="李四",
        status=MemberStatus.PROBATIONARY,
        full_member_on=None,
        education="college",
    )
    client.force_login(secretary_a)
    (row,) = _rows(client.get(EXPORT))
    assert row[0] == "李四"
    assert row[HEADER_ZH.index("性别")] == "男"
    assert row[HEADER_ZH.index("学历")] == "大专"
    assert row[HEADER_ZH.index("党员状态")] == "预备党员"
    assert row[HEADER_ZH.index("入党日期")] == datetime.datetime(2005, 7, 1)
    assert row[HEADER_ZH.index("转正日期")] is None
    assert row[BRANCH] == "A支部"
    assert row[HEADER_ZH.index("所在网格")] == world.branch_a.grid_cell.code


def test_unmasked_export_for_the_allowed_logs_each_member(client, secretary_a, members_ab):
    client.force_login(secretary_a)
    rows = _rows(client.get(EXPORT, {"unmask": "1"}))
    members_a = members_ab[0]
    assert {r[ID] for r in rows} == {m.id_number for m in members_a}
    assert {r[PHONE] for r in rows} == {m.phone for m in members_a}
    logged = SensitiveAccess.objects.all()
    assert sorted(a.member_id for a in logged) == sorted(m.pk for m in members_a)
    assert {(a.user, a.channel, a.fields) for a in logged} == {
        (secretary_a, SensitiveAccess.Channel.EXPORT, "id_number,phone")
    }


def test_unmask_asked_by_a_read_only_role_stays_masked(client, committee_member_a, members_ab):
    client.force_login(committee_member_a)
    response = client.get(EXPORT, {"unmask": "1"})
    assert response.status_code == 200
    rows = _rows(response)
    assert {r[ID] for r in rows} == {mask_id_number(m.id_number) for m in members_ab[0]}
    assert not SensitiveAccess.objects.exists()


def test_export_is_scoped_to_the_users_organizations(
    client, world, secretary_a, street_staff, members_ab
):
    client.force_login(secretary_a)
    assert {r[BRANCH] for r in _rows(client.get(EXPORT))} == {"A支部"}
    client.force_login(street_staff)
    assert len(_rows(client.get(EXPORT))) == 4
    rows = _rows(client.get(EXPORT, {"organization": world.branch_b.pk}))
    assert {r[BRANCH] for r in rows} == {"B支部"}


def test_export_applies_the_list_filters(client, world, secretary_a, members_ab):
    MemberFactory(
        organization=world.branch_a, status=MemberStatus.PROBATIONARY, full_member_on=None
    )
    client.force_login(secretary_a)
    rows = _rows(client.get(EXPORT, {"status": "probationary"}))
    assert [r[HEADER_ZH.index("党员状态")] for r in rows] == ["预备党员"]


def test_a_grid_worker_exports_the_members_of_their_cells_masked(client, world, grid_worker):
    MemberFactory(organization=world.branch_a)
    MemberFactory(organization=world.branch_c)
    client.force_login(grid_worker)
    rows = _rows(client.get(EXPORT, {"unmask": "1"}))
    assert [r[BRANCH] for r in rows] == ["A支部"]
    assert "*" in rows[0][ID]


def test_anonymous_is_sent_to_log_in_and_outsiders_get_403(client, no_post_user):
    response = client.get(EXPORT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(no_post_user)
    assert client.get(EXPORT).status_code == 403


@pytest.mark.parametrize("unmask", ["0", "1"])
def test_export_query_count_does_not_grow_with_the_members(
    client, world, street_staff, django_assert_num_queries, unmask
):
    # session, user, scope (posts, grid assignments), members with branch and grid cell,
    # and the access log's export entry (the user's street, the insert); unmasked: plus the
    # permission check (user and group permissions), one insert of the unmasking log, and the
    # access log's unmasking entry (the streets of the organizations, one insert a street)
    expected = 7 if unmask == "0" else 11
    MemberFactory.create_batch(3, organization=world.branch_a)
    client.force_login(street_staff)
    with django_assert_num_queries(expected):
        assert len(_rows(client.get(EXPORT, {"unmask": unmask}))) == 3
    MemberFactory.create_batch(40, organization=world.branch_b)
    with django_assert_num_queries(expected):
        assert len(_rows(client.get(EXPORT, {"unmask": unmask}))) == 43

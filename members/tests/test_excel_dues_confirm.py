"""The dues ledger import confirmed through its URLs: every row or none written, stale previews
and cancelling, and who may import."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse

from members.models import DuesPayment, DuesRecord
from members.services.dues import dues_payment_record
from members.tests.factories import MemberFactory
from members.tests.support.excel import sheet_errors, stored_files, xlsx_upload
from members.tests.support.excel_dues import (
    HEADER_EN,
    HEADER_ZH,
    JUNE,
    opened,
    row,
    upload,
    urls,
)


@pytest.fixture(autouse=True)
def _mid_june(time_machine):
    time_machine.move_to("2025-06-15 09:00 +08:00")


# Confirming


def test_good_rows_preview_then_confirm_records_exactly_those_payments(
    client, world, secretary_a, media_root
):
    new = MemberFactory(organization=world.branch_a)
    known = MemberFactory(organization=world.branch_a)
    opened(known, JUNE, income=None)
    student = MemberFactory(organization=world.branch_a)
    may = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = upload(
        client,
        world.branch_a,
        [
            row(new),
            row(known, id_number="", id_last4=known.id_last4, income="5200", amount="78"),
            row(student, category="学生", income=None, amount="0.5"),
            row(may, month="2025-05", income=3000, amount=15, paid_on="2025-06-01"),
        ],
    )
    assert response.context["sheet"].is_valid, sheet_errors(response)
    assert 'data-testid="confirm"' in response.content.decode()
    # the preview's dry run left nothing behind
    assert not DuesPayment.objects.exists()
    assert list(DuesRecord.objects.values_list("member", flat=True)) == [known.pk]
    token = response.context["pending"].token
    response = client.post(urls(world.branch_a)["confirm"], {"token": token})
    assert response.status_code == 302
    assert response["Location"] == reverse("members:dues_month", args=[world.branch_a.pk, JUNE])
    records = {r.member_id: r for r in DuesRecord.objects.all()}
    assert {
        m.name: (r.month, r.category, r.income, r.expected, r.paid, r.paid_on)
        for m, r in ((m, records[m.pk]) for m in (new, known, student, may))
    } == {
        new.name: (JUNE, "employed", D("4000"), D("40.00"), D("40.00"), datetime.date(2025, 6, 10)),
        known.name: (
            JUNE,
            "employed",
            D("5200"),
            D("78.00"),
            D("78.00"),
            datetime.date(2025, 6, 10),
        ),
        student.name: (JUNE, "student", None, D("0.20"), D("0.50"), datetime.date(2025, 6, 10)),
        may.name: (
            datetime.date(2025, 5, 1),
            "employed",
            D("3000"),
            D("15.00"),
            D("15.00"),
            datetime.date(2025, 6, 1),
        ),
    }
    payments = DuesPayment.objects.all()
    assert len(payments) == 4
    assert {p.record.member_id: p.is_make_up for p in payments}[may.pk] is True
    assert {p.recorded_by for p in payments} == {secretary_a}
    assert stored_files(media_root) == []
    client.post(urls(world.branch_a)["confirm"], {"token": token})
    assert DuesPayment.objects.count() == 4


def test_english_headers_and_labels_are_imported_too(client, world, secretary_a, media_root):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = upload(client, world.branch_a, [row(member, category="retired")], header=HEADER_EN)
    assert response.context["sheet"].is_valid, sheet_errors(response)
    client.post(urls(world.branch_a)["confirm"], {"token": response.context["pending"].token})
    record = DuesRecord.objects.get()
    assert (record.category, record.expected, record.paid) == ("retired", D("20.00"), D("40.00"))


def test_a_category_given_for_an_unpaid_month_sets_its_rate(client, world, secretary_a, media_root):
    member = MemberFactory(organization=world.branch_a)
    opened(member, JUNE)  # employed, 4000: 40 yuan due
    client.force_login(secretary_a)
    response = upload(client, world.branch_a, [row(member, category="离退休", amount=20)])
    assert response.context["sheet"].is_valid, sheet_errors(response)
    assert DuesRecord.objects.get().category == "employed"  # the dry run kept nothing
    client.post(urls(world.branch_a)["confirm"], {"token": response.context["pending"].token})
    record = DuesRecord.objects.get()
    assert (record.category, record.expected, record.paid) == ("retired", D("20.00"), D("20.00"))


def test_confirm_writes_nothing_when_a_month_was_paid_meanwhile(
    client, world, secretary_a, media_root
):
    first = MemberFactory(organization=world.branch_a)
    second = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = upload(client, world.branch_a, [row(first), row(second)])
    token = response.context["pending"].token
    paid = opened(second, JUNE)
    dues_payment_record(
        actor=secretary_a, record=paid, amount=D("40"), paid_on=datetime.date(2025, 6, 12)
    )
    response = client.post(urls(world.branch_a)["confirm"], {"token": token})
    assert response.status_code == 200
    assert [(n, label) for n, label, _m in sheet_errors(response)] == [(3, "月份")]
    assert "2025-06-12" in sheet_errors(response)[0][2]
    assert 'data-testid="confirm"' not in response.content.decode()
    assert [p.record.member for p in DuesPayment.objects.all()] == [second]
    assert not DuesRecord.objects.filter(member=first).exists()
    assert stored_files(media_root) == []


def test_a_stale_token_saves_nothing_and_cancel_removes_the_file(
    client, world, secretary_a, media_root
):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    upload(client, world.branch_a, [row(member)])
    response = client.post(urls(world.branch_a)["confirm"], {"token": "forged"})
    assert response.status_code == 302 and response["Location"] == urls(world.branch_a)["upload"]
    assert len(stored_files(media_root)) == 1
    client.post(urls(world.branch_a)["cancel"])
    assert stored_files(media_root) == []
    assert not DuesPayment.objects.exists()


def test_a_community_imports_the_dues_of_its_branches(client, world, community_staff, media_root):
    in_a = MemberFactory(organization=world.branch_a)
    in_b = MemberFactory(organization=world.branch_b)
    in_c = MemberFactory(organization=world.branch_c)
    client.force_login(community_staff)
    response = upload(client, world.community1, [row(in_a), row(in_b), row(in_c)])
    assert [(n, label) for n, label, _m in sheet_errors(response)] == [(4, "身份证号")]


# Who may import


def test_the_month_sheet_links_to_the_import_for_those_who_manage(
    client, world, secretary_a, committee_member_a
):
    sheet = reverse("members:dues_month", args=[world.branch_a.pk, JUNE])
    client.force_login(secretary_a)
    assert urls(world.branch_a)["upload"] in client.get(sheet).content.decode()
    client.force_login(committee_member_a)
    assert urls(world.branch_a)["upload"] not in client.get(sheet).content.decode()


@pytest.mark.parametrize("name", ["upload", "template"])
def test_anonymous_is_sent_to_log_in(client, world, name):
    response = client.get(urls(world.branch_a)[name])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_read_only_role_gets_403(client, world, committee_member_a, media_root):
    client.force_login(committee_member_a)
    assert client.get(urls(world.branch_a)["upload"]).status_code == 403
    assert client.get(urls(world.branch_a)["template"]).status_code == 403
    response = client.post(urls(world.branch_a)["upload"], {"file": xlsx_upload(HEADER_ZH, [])})
    assert response.status_code == 403
    assert client.post(urls(world.branch_a)["confirm"], {"token": "x"}).status_code == 403


@pytest.mark.parametrize("persona", ["secretary_b", "other_street_staff", "no_post_user"])
def test_outsiders_get_404(client, world, persona, request, media_root):
    client.force_login(request.getfixturevalue(persona))
    for name in ("upload", "template"):
        assert client.get(urls(world.branch_a)[name]).status_code == 404
    for name in ("confirm", "cancel"):
        assert client.post(urls(world.branch_a)[name], {"token": "x"}).status_code == 404


def test_wrong_methods_are_refused(client, world, secretary_a):
    client.force_login(secretary_a)
    assert client.get(urls(world.branch_a)["confirm"]).status_code == 405
    assert client.get(urls(world.branch_a)["cancel"]).status_code == 405

"""Dues ledger import from Excel through its URLs: template, preview (a dry run of the dues
services), confirm writing every row or none, and who may import."""

import datetime
import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from members.excel.dues import DUES_COLUMNS, parse_month
from members.models import DuesPayment, DuesRecord, EmploymentCategory, Member
from members.services.dues import dues_payment_record
from members.tests import test_excel_support as support
from members.tests.factories import MemberFactory
from members.tests.test_excel_support import id_number, xlsx_upload

# shared fixtures
committee_member_a = support.committee_member_a
media_root = support.media_root

HEADER_ZH = [
    "姓名",
    "身份证号",
    "身份证号后四位",
    "月份",
    "人员类别",
    "月收入（税后）",
    "实缴金额",
    "缴纳日期",
]
HEADER_EN = [
    "Name",
    "ID number",
    "ID number last 4",
    "Month",
    "Employment category",
    "Monthly income after tax",
    "Amount paid",
    "Paid on",
]
JUNE = datetime.date(2025, 6, 1)


@pytest.fixture(autouse=True)
def _mid_june(time_machine):
    time_machine.move_to("2025-06-15 09:00 +08:00")


def urls(org) -> dict:
    return {
        name: reverse(f"members:import_dues{suffix}", args=[org.pk])
        for name, suffix in (
            ("upload", ""),
            ("template", "_template"),
            ("confirm", "_confirm"),
            ("cancel", "_cancel"),
        )
    }


def row(member=None, **changes) -> list:
    """A row (Chinese header order) paying June's 40 yuan on an income of 4000."""
    cells = {
        "name": member.name if member else "无名",
        "id_number": member.id_number if member else "",
        "id_last4": "",
        "month": "2025-06",
        "category": "",
        "income": 4000,
        "amount": 40,
        "paid_on": datetime.date(2025, 6, 10),
    }
    cells.update(changes)
    return list(cells.values())


def upload(client, org, rows, header=HEADER_ZH):
    return client.post(urls(org)["upload"], {"file": xlsx_upload(header, rows, "dues.xlsx")})


def errors(response) -> list[tuple[int, str, str]]:
    return [
        (r.row_number, label, message)
        for r in response.context["sheet"].rows
        for label, message in r.errors
    ]


def stored(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


def opened(member, month, income="4000", category=EmploymentCategory.EMPLOYED):
    return DuesRecord.objects.create(
        member=member,
        month=month,
        category=category,
        income=D(income) if income else None,
        expected=D(income) / 100 if income else D("0"),
    )


# The template


def test_template_has_the_chinese_header_and_the_english_one_on_request(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.get(urls(world.branch_a)["template"])
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["党费收缴台账", "说明"]
    assert [c.value for c in workbook.worksheets[0][1]] == HEADER_ZH
    response = client.get(urls(world.branch_a)["template"], headers={"accept-language": "en"})
    workbook = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook.worksheets[0][1]] == HEADER_EN
    with translation.override("en"):
        assert [c.label for c in DUES_COLUMNS] == HEADER_EN


@pytest.mark.parametrize(
    "value", ["2025-06", "2025/6", "2025.06", "2025年6月", "202506", datetime.datetime(2025, 6, 1)]
)
def test_months_are_read_in_the_usual_spellings(value):
    assert parse_month(value) == JUNE


# Previews


def test_mixed_rows_show_every_error_by_row_and_column_and_save_nothing(
    client, world, secretary_a, media_root
):
    good = MemberFactory(organization=world.branch_a)
    below = MemberFactory(organization=world.branch_a)
    future = MemberFactory(organization=world.branch_a)
    lapsed = MemberFactory(organization=world.branch_a)
    late = MemberFactory(organization=world.branch_a)
    opened(late, datetime.date(2024, 11, 1))  # its make-up window closed on 2025-05-31
    other_branch = MemberFactory(organization=world.branch_b)
    client.force_login(secretary_a)
    response = upload(
        client,
        world.branch_a,
        [
            row(good),
            row(name="不存在", id_number=id_number(7)),
            row(other_branch),
            row(below, amount="39.99"),
            row(future, month="2099-01"),
            row(lapsed, month="2024-11"),
            row(late, month="2024-11"),
            row(good, id_number="", id_last4="12"),
        ],
    )
    assert response.status_code == 200
    found = errors(response)
    assert [(number, label) for number, label, _m in found] == [
        (3, "身份证号"),
        (4, "身份证号"),
        (5, "实缴金额"),
        (6, "月份"),
        (7, "月份"),
        (8, "缴纳日期"),
        (9, "身份证号后四位"),
    ]
    messages = {number: message for number, _l, message in found}
    # a member of another branch reads exactly like one that does not exist
    assert messages[3] == messages[4]
    assert "A支部" in messages[3] and other_branch.name not in messages[4]
    assert "40.00" in messages[5] and "39.99" in messages[5]
    assert "2099-01" in messages[6]
    assert "2025-05-31" in messages[7] and "2025-05-31" in messages[8]
    assert 'data-testid="confirm"' not in response.content.decode()
    assert not DuesPayment.objects.exists()
    assert DuesRecord.objects.count() == 1  # the one opened above, untouched
    assert DuesRecord.objects.get().paid_on is None
    assert stored(media_root) == []


def test_a_member_is_found_by_name_and_last_four_characters(client, world, secretary_a, media_root):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = upload(client, world.branch_a, [row(member, id_number="", id_last4=member.id_last4)])
    sheet = response.context["sheet"]
    assert sheet.is_valid
    assert sheet.rows[0].values["member"] == member


def test_namesakes_with_the_same_last_four_need_the_full_id_number(
    client, world, secretary_a, media_root
):
    first = MemberFactory(organization=world.branch_a, name="王芳")
    second = MemberFactory(organization=world.branch_a, name="王芳")
    # two ID numbers ending alike: the stored last four stand for that
    Member.objects.filter(pk=second.pk).update(id_last4=first.id_last4)
    client.force_login(secretary_a)
    response = upload(
        client, world.branch_a, [row(first, id_number="", id_last4=first.id_last4), row(first)]
    )
    assert [(n, label) for n, label, _m in errors(response)] == [(2, "身份证号")]
    assert "王芳" in errors(response)[0][2]


def test_a_name_not_matching_the_id_number_is_an_error_on_the_name(
    client, world, secretary_a, media_root
):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = upload(client, world.branch_a, [row(member, name="别人")])
    ((number, label, message),) = errors(response)
    assert (number, label) == (2, "姓名")
    assert member.name in message


def test_the_same_member_and_month_twice_is_refused_on_both_rows(
    client, world, secretary_a, media_root
):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = upload(client, world.branch_a, [row(member), row(member, amount=50)])
    assert [(n, label) for n, label, _m in errors(response)] == [(2, "月份"), (3, "月份")]


def test_a_share_of_income_without_an_income_is_an_error_on_the_income(
    client, world, secretary_a, media_root
):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = upload(client, world.branch_a, [row(member, income=None)])
    assert [(n, label) for n, label, _m in errors(response)] == [(2, "月收入（税后）")]


def test_a_wrong_header_names_the_columns_and_shows_no_preview(
    client, world, secretary_a, media_root
):
    client.force_login(secretary_a)
    header = [h for h in HEADER_ZH if h != "实缴金额"] + ["备注"]
    response = upload(client, world.branch_a, [row()], header=header)
    assert "members/excel/dues_upload.html" in [t.name for t in response.templates]
    message = response.context["form"].errors["file"][0]
    assert "实缴金额" in message and "备注" in message
    assert stored(media_root) == []


def test_a_50_mb_file_is_refused_before_anything_opens_it(
    client, world, secretary_a, monkeypatch, media_root
):
    def never(*args, **kwargs):
        raise AssertionError("a file over the limit was opened")

    monkeypatch.setattr("members.excel.engine._open", never)
    client.force_login(secretary_a)
    big = SimpleUploadedFile("dues.xlsx", b"\0" * (50 * 1024 * 1024))
    response = client.post(urls(world.branch_a)["upload"], {"file": big})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert stored(media_root) == []


def test_a_file_that_is_no_workbook_is_refused(client, world, secretary_a, media_root):
    client.force_login(secretary_a)
    for name, content in (("dues.xlsx", b"a,b\n1,2\n"), ("dues.csv", b"a,b\n")):
        response = client.post(
            urls(world.branch_a)["upload"], {"file": SimpleUploadedFile(name, content)}
        )
        assert ".xlsx" in response.context["form"].errors["file"][0]
    assert stored(media_root) == []


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
    assert response.context["sheet"].is_valid, errors(response)
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
    assert stored(media_root) == []
    client.post(urls(world.branch_a)["confirm"], {"token": token})
    assert DuesPayment.objects.count() == 4


def test_english_headers_and_labels_are_imported_too(client, world, secretary_a, media_root):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = upload(client, world.branch_a, [row(member, category="retired")], header=HEADER_EN)
    assert response.context["sheet"].is_valid, errors(response)
    client.post(urls(world.branch_a)["confirm"], {"token": response.context["pending"].token})
    record = DuesRecord.objects.get()
    assert (record.category, record.expected, record.paid) == ("retired", D("20.00"), D("40.00"))


def test_a_category_given_for_an_unpaid_month_sets_its_rate(client, world, secretary_a, media_root):
    member = MemberFactory(organization=world.branch_a)
    opened(member, JUNE)  # employed, 4000: 40 yuan due
    client.force_login(secretary_a)
    response = upload(client, world.branch_a, [row(member, category="离退休", amount=20)])
    assert response.context["sheet"].is_valid, errors(response)
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
    assert [(n, label) for n, label, _m in errors(response)] == [(3, "月份")]
    assert "2025-06-12" in errors(response)[0][2]
    assert 'data-testid="confirm"' not in response.content.decode()
    assert [p.record.member for p in DuesPayment.objects.all()] == [second]
    assert not DuesRecord.objects.filter(member=first).exists()
    assert stored(media_root) == []


def test_a_stale_token_saves_nothing_and_cancel_removes_the_file(
    client, world, secretary_a, media_root
):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    upload(client, world.branch_a, [row(member)])
    response = client.post(urls(world.branch_a)["confirm"], {"token": "forged"})
    assert response.status_code == 302 and response["Location"] == urls(world.branch_a)["upload"]
    assert len(stored(media_root)) == 1
    client.post(urls(world.branch_a)["cancel"])
    assert stored(media_root) == []
    assert not DuesPayment.objects.exists()


def test_a_community_imports_the_dues_of_its_branches(client, world, community_staff, media_root):
    in_a = MemberFactory(organization=world.branch_a)
    in_b = MemberFactory(organization=world.branch_b)
    in_c = MemberFactory(organization=world.branch_c)
    client.force_login(community_staff)
    response = upload(client, world.community1, [row(in_a), row(in_b), row(in_c)])
    assert [(n, label) for n, label, _m in errors(response)] == [(4, "身份证号")]


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

"""The dues ledger import's template and preview through its URLs: members found by name and
ID number, every error by row and column, files refused, nothing saved."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import load_workbook

from members.excel.dues import DUES_COLUMNS, parse_month
from members.models import DuesPayment, DuesRecord, Member
from members.tests.factories import MemberFactory
from members.tests.support.excel import id_number, sheet_errors, stored_files
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
    found = sheet_errors(response)
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
    assert stored_files(media_root) == []


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
    assert [(n, label) for n, label, _m in sheet_errors(response)] == [(2, "身份证号")]
    assert "王芳" in sheet_errors(response)[0][2]


def test_a_name_not_matching_the_id_number_is_an_error_on_the_name(
    client, world, secretary_a, media_root
):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = upload(client, world.branch_a, [row(member, name="别人")])
    ((number, label, message),) = sheet_errors(response)
    assert (number, label) == (2, "姓名")
    assert member.name in message


def test_the_same_member_and_month_twice_is_refused_on_both_rows(
    client, world, secretary_a, media_root
):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = upload(client, world.branch_a, [row(member), row(member, amount=50)])
    assert [(n, label) for n, label, _m in sheet_errors(response)] == [(2, "月份"), (3, "月份")]


def test_a_share_of_income_without_an_income_is_an_error_on_the_income(
    client, world, secretary_a, media_root
):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = upload(client, world.branch_a, [row(member, income=None)])
    assert [(n, label) for n, label, _m in sheet_errors(response)] == [(2, "月收入（税后）")]


def test_a_wrong_header_names_the_columns_and_shows_no_preview(
    client, world, secretary_a, media_root
):
    client.force_login(secretary_a)
    header = [h for h in HEADER_ZH if h != "实缴金额"] + ["备注"]
    response = upload(client, world.branch_a, [row()], header=header)
    assert "members/excel/dues_upload.html" in [t.name for t in response.templates]
    message = response.context["form"].errors["file"][0]
    assert "实缴金额" in message and "备注" in message
    assert stored_files(media_root) == []


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
    assert stored_files(media_root) == []


def test_a_file_that_is_no_workbook_is_refused(client, world, secretary_a, media_root):
    client.force_login(secretary_a)
    for name, content in (("dues.xlsx", b"a,b\n1,2\n"), ("dues.csv", b"a,b\n")):
        response = client.post(
            urls(world.branch_a)["upload"], {"file": SimpleUploadedFile(name, content)}
        )
        assert ".xlsx" in response.context["form"].errors["file"][0]
    assert stored_files(media_root) == []

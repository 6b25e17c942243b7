"""The member import's template and preview through its URLs: every error by row and column,
files refused as a whole, and nothing saved."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from members.models import Member
from members.tests.factories import MemberFactory
from members.tests.support.excel import (
    HEADER_EN,
    HEADER_ZH,
    id_number,
    member_row,
    sheet_errors,
    stored_files,
    xlsx_upload,
    zh,
)

UPLOAD = reverse("members:import_members")
CONFIRM = reverse("members:import_members_confirm")
CANCEL = reverse("members:import_members_cancel")
TEMPLATE = reverse("members:import_members_template")


def _upload(client, header, rows, name="members.xlsx"):
    return client.post(UPLOAD, {"file": xlsx_upload(header, rows, name)})


# The template


def test_template_has_the_chinese_header_and_an_instructions_sheet(client, secretary_a):
    client.force_login(secretary_a)
    response = client.get(TEMPLATE)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["党员名册", "说明"]
    assert [c.value for c in workbook.worksheets[0][1]] == HEADER_ZH
    instructions = [v for row in workbook["说明"].iter_rows(values_only=True) for v in row if v]
    for allowed in ("男", "女", "正式党员", "预备党员", "本科", "离退休", "retired", "full"):
        assert allowed in instructions
    assert "320102198005170017" in instructions  # the example row


def test_template_follows_the_interface_language(client, secretary_a):
    client.force_login(secretary_a)
    response = client.get(TEMPLATE, headers={"accept-language": "en"})
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Members", "Instructions"]
    assert [c.value for c in workbook.worksheets[0][1]] == HEADER_EN


# Previews


def test_mixed_rows_show_every_error_by_row_and_column_and_save_nothing(
    client, world, secretary_a, media_root
):
    client.force_login(secretary_a)
    bad_check = id_number(2)[:17] + ("0" if id_number(2)[17] != "0" else "1")
    response = _upload(
        client,
        HEADER_ZH,
        [
            member_row(world.branch_a, 1),
            member_row(world.branch_a, 2, id_number=bad_check),
            member_row(world.branch_a, 3),
            member_row(
                world.branch_a, 4, joined_on="2099-07-01", status="预备党员", full_member_on=None
            ),
            member_row(world.branch_a, 5, organization=world.branch_b.name),
            member_row(world.branch_a, 6, status="候补"),
        ],
    )
    assert response.status_code == 200
    errors = sheet_errors(response)
    assert {(number, label) for number, label, _message in errors} == {
        (3, "身份证号"),
        (5, "入党日期"),
        (6, "所在支部"),
        (7, "党员状态"),
    }
    assert f" {id_number(2)[17]}" in {n: m for n, _l, m in errors}[3]
    content = response.content.decode()
    assert 'data-testid="confirm"' not in content
    assert 'data-testid="confirm-disabled"' in content
    assert zh("Row %(number)s", number=3) + " 身份证号" in content
    sheet = response.context["sheet"]
    assert (sheet.valid_count, sheet.invalid_count) == (2, 4)
    assert not Member.objects.exists()
    assert stored_files(media_root) == []


def test_a_date_in_the_future_is_refused(client, world, secretary_a, media_root):
    client.force_login(secretary_a)
    response = _upload(client, HEADER_ZH, [member_row(world.branch_a, 1, joined_on="2099-01-01")])
    assert sheet_errors(response) == [(2, "入党日期", zh("This date lies in the future."))]


def test_a_branch_outside_the_scope_reads_like_one_that_does_not_exist(
    client, world, secretary_a, media_root
):
    client.force_login(secretary_a)
    response = _upload(
        client,
        HEADER_ZH,
        [
            member_row(world.branch_a, 1, organization=world.branch_d.name),
            member_row(world.branch_a, 2, organization="没有这个支部"),
        ],
    )
    messages = [message for _n, _l, message in sheet_errors(response)]
    assert messages == [
        zh("There is no branch “%(name)s” among your organizations.", name=world.branch_d.name),
        zh("There is no branch “%(name)s” among your organizations.", name="没有这个支部"),
    ]


def test_a_branch_is_found_by_its_organization_code_too(client, world, street_staff, media_root):
    world.branch_c.code = "ORG-C"
    world.branch_c.save()
    client.force_login(street_staff)
    response = _upload(client, HEADER_ZH, [member_row(world.branch_c, 1, organization="ORG-C")])
    assert response.context["sheet"].is_valid
    assert response.context["sheet"].rows[0].values["organization"] == world.branch_c


def test_an_id_number_twice_in_the_file_or_already_registered_is_refused(
    client, world, secretary_a, media_root
):
    MemberFactory(organization=world.branch_d, id_number=id_number(9), gender="M")
    client.force_login(secretary_a)
    response = _upload(
        client,
        HEADER_ZH,
        [
            member_row(world.branch_a, 1),
            member_row(world.branch_a, 1, name="重复"),
            member_row(world.branch_a, 9),
        ],
    )
    assert sheet_errors(response) == [
        (2, "身份证号", zh("The same ID number is also on row %(rows)s.", rows=3)),
        (3, "身份证号", zh("The same ID number is also on row %(rows)s.", rows=2)),
        (4, "身份证号", zh("A member with this ID number is already registered.")),
    ]


def test_an_unknown_grid_code_is_an_error_on_the_grid_column(
    client, world, secretary_a, media_root
):
    client.force_login(secretary_a)
    response = _upload(client, HEADER_ZH, [member_row(world.branch_a, 1, grid_cell="NOPE")])
    assert [(n, label) for n, label, _m in sheet_errors(response)] == [(2, "所在网格")]


def test_gender_and_birth_date_left_blank_are_read_from_the_id_number(
    client, world, secretary_a, media_root
):
    client.force_login(secretary_a)
    response = _upload(
        client, HEADER_ZH, [member_row(world.branch_a, 1, gender=None, birth_date=None)]
    )
    values = response.context["sheet"].rows[0].values
    assert (values["gender"], values["birth_date"]) == ("M", datetime.date(1985, 3, 9))


def test_a_gender_contradicting_the_id_number_is_the_models_error(
    client, world, secretary_a, media_root
):
    client.force_login(secretary_a)
    response = _upload(client, HEADER_ZH, [member_row(world.branch_a, 1, gender="女")])
    assert sheet_errors(response) == [(2, "性别", zh("The gender does not match the ID number."))]


# Refused files


def test_a_wrong_header_names_the_columns_and_shows_no_preview(
    client, world, secretary_a, media_root
):
    client.force_login(secretary_a)
    header = [h for h in HEADER_ZH if h != "身份证号"] + ["备注"]
    response = _upload(client, header, [member_row(world.branch_a, 1)[:-1]])
    assert "members/excel/upload.html" in [t.name for t in response.templates]
    message = response.context["form"].errors["file"][0]
    assert "身份证号" in message and "备注" in message
    assert stored_files(media_root) == []


def test_a_too_big_file_is_refused_before_anything_opens_it(
    client, secretary_a, monkeypatch, media_root
):
    def never(*args, **kwargs):
        raise AssertionError("a file over the limit was opened")

    monkeypatch.setattr("members.excel.engine._open", never)
    client.force_login(secretary_a)
    junk = SimpleUploadedFile("big.xlsx", b"\0" * (6 * 1024 * 1024))
    response = client.post(UPLOAD, {"file": junk})
    assert response.status_code == 200
    assert "5 MB" in response.context["form"].errors["file"][0]
    assert stored_files(media_root) == []


def test_a_renamed_csv_file_is_refused_as_not_a_workbook(client, secretary_a, media_root):
    client.force_login(secretary_a)
    fake = SimpleUploadedFile("members.xlsx", ",".join(HEADER_ZH).encode() + b"\n")
    response = client.post(UPLOAD, {"file": fake})
    assert (
        "Excel" in response.context["form"].errors["file"][0]
        and ".xlsx" in response.context["form"].errors["file"][0]
    )
    csv = SimpleUploadedFile("members.csv", b"a,b\n")
    response = client.post(UPLOAD, {"file": csv})
    assert ".xlsx" in response.context["form"].errors["file"][0]


def test_a_file_with_too_many_rows_is_refused_as_a_whole(
    client, world, secretary_a, media_root, monkeypatch
):
    monkeypatch.setattr("members.excel.members.MAX_ROWS", 2)
    client.force_login(secretary_a)
    response = _upload(client, HEADER_ZH, [member_row(world.branch_a, n) for n in (1, 2, 3)])
    assert response.context["form"].errors["file"][0] == zh(
        "The file has more than %(max)d rows; split it into smaller files.", max=2
    )
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "正式党员", "full_member_on": None},
        {"status": "预备党员"},
        {"joined_on": "2012-01-01", "full_member_on": "2011-07-01"},
    ],
)
def test_the_full_member_date_must_fit_the_status_and_the_joining_date(
    client, world, secretary_a, media_root, changes
):
    client.force_login(secretary_a)
    response = _upload(client, HEADER_ZH, [member_row(world.branch_a, 1, **changes)])
    assert [(n, label) for n, label, _m in sheet_errors(response)] == [(2, "转正日期")]


def test_the_preview_checks_every_constraint_of_the_member_model():
    """The preview evaluates Member's check constraints in Python; a new constraint must be
    added there too (member_create would still refuse it, but only when writing)."""
    from members.excel.member_rows import CHECKED_CONSTRAINTS

    assert {c.name for c in Member._meta.constraints} == CHECKED_CONSTRAINTS


def test_a_built_row_is_as_long_as_the_header(world):
    assert len(member_row(world.branch_a, 1)) == len(HEADER_ZH) == len(HEADER_EN)

"""The Excel engine: headers in either language, rows with their numbers, cells read as dates
and choices, and files refused as a whole."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.translation import gettext

from members.excel.columns import Choice, Column, parse_date
from members.excel.engine import ImportFileError, read_upload
from members.excel.members import EDUCATION, GENDER, MEMBER_COLUMNS, STATUS
from members.models import Education, Gender, MemberStatus
from members.tests.support.excel import HEADER_EN, HEADER_ZH, workbook_bytes

COLUMNS = (
    Column("name", "Name", "姓名", required=True),
    Column("born", "Birth date", "出生日期", parse_date, default=None),
    Column("gender", "Gender", "性别", GENDER),
)


def _read(header, rows, columns=COLUMNS, max_rows=100):
    upload = SimpleUploadedFile("x.xlsx", workbook_bytes(header, rows))
    return read_upload(upload, columns, max_rows=max_rows)


def test_headers_are_recognised_in_chinese_english_or_with_hints():
    for header in (
        ["姓名", "出生日期", "性别"],
        ["Name", "Birth Date", "gender"],
        ["姓名 *", "出生日期（年-月-日）", "性 别"],
    ):
        sheet = _read(header, [["张三", "2001-02-03", "男"]])
        assert sheet.rows[0].values == {
            "name": "张三",
            "born": datetime.date(2001, 2, 3),
            "gender": "M",
        }


def test_the_member_columns_match_both_template_headers():
    assert [c.label_zh for c in MEMBER_COLUMNS] == HEADER_ZH
    with translation.override("en"):
        assert [c.label for c in MEMBER_COLUMNS] == HEADER_EN


def test_a_header_missing_a_required_column_or_with_an_unknown_one_names_them():
    with pytest.raises(ImportFileError) as caught:
        _read(["出生日期", "备注", "性别"], [["2001-02-03", "x", "男"]])
    assert "姓名" in caught.value.message
    assert "备注" in caught.value.message


def test_a_column_given_twice_is_refused():
    with pytest.raises(ImportFileError) as caught:
        _read(["姓名", "Name"], [["a", "b"]])
    assert "姓名" in caught.value.message


def test_an_optional_column_may_be_left_out():
    sheet = _read(["姓名"], [["张三"]])
    assert sheet.rows[0].values == {"name": "张三", "born": None, "gender": ""}


def test_rows_carry_the_excel_row_number_and_blank_rows_are_skipped():
    sheet = _read(["姓名", "性别"], [["a", "男"], [None, None], ["", "女"]])
    assert [row.row_number for row in sheet.rows] == [2, 4]
    assert sheet.rows[1].errors == [("姓名", gettext("This column must be filled in."))]


def test_a_bad_cell_is_an_error_on_its_row_and_column():
    sheet = _read(
        ["姓名", "出生日期", "性别"], [["a", "2001-13-40", "X"], ["b", "2001-01-01", "女"]]
    )
    assert [label for label, _message in sheet.rows[0].errors] == ["出生日期", "性别"]
    assert sheet.rows[0].error_keys == {"born", "gender"}
    assert sheet.rows[1].is_valid
    assert (sheet.valid_count, sheet.invalid_count, sheet.is_valid) == (1, 1, False)


def test_too_many_rows_are_refused_as_a_whole():
    with pytest.raises(ImportFileError) as caught:
        _read(["姓名"], [["a"], ["b"], ["c"]], max_rows=2)
    assert "2" in caught.value.message


def test_a_header_without_rows_or_an_empty_sheet_is_refused():
    with pytest.raises(ImportFileError):
        _read(["姓名"], [])
    with pytest.raises(ImportFileError):
        _read([], [])


def test_a_renamed_text_file_or_another_zip_is_not_a_workbook():
    import zipfile

    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")
    for content in ("姓名,性别\n张三,男\n".encode(), other_zip.getvalue(), b""):
        with pytest.raises(ImportFileError) as caught:
            read_upload(SimpleUploadedFile("x.xlsx", content), COLUMNS, max_rows=10)
        assert ".xlsx" in caught.value.message


@pytest.mark.parametrize(
    "value",
    [
        datetime.datetime(2021, 7, 1),
        datetime.date(2021, 7, 1),
        "2021-07-01",
        "2021/7/1",
        "2021.7.1",
        "2021年7月1日",
        "20210701",
        20210701,
        44378,  # Excel's serial number of 2021-07-01
    ],
)
def test_dates_are_read_in_the_usual_spellings(value):
    assert parse_date(value) == datetime.date(2021, 7, 1)


@pytest.mark.parametrize("value", ["2021-02-30", "July 1st", "1850-01-01", "01/07/2021"])
def test_what_is_no_date_is_refused(value):
    with pytest.raises(ValidationError):
        parse_date(value)


def test_choices_accept_chinese_english_and_code():
    assert {GENDER(v) for v in ("男", "male", "M", "m", " 男 ")} == {Gender.MALE}
    assert {STATUS(v) for v in ("预备党员", "probationary member", "probationary")} == {
        MemberStatus.PROBATIONARY
    }
    assert {EDUCATION(v) for v in ("大专", "junior college", "college")} == {Education.COLLEGE}
    with pytest.raises(ValidationError) as caught:
        GENDER("未知")
    assert "男" in caught.value.messages[0]


def test_choice_labels_follow_the_language():
    choice = Choice(Gender, {Gender.MALE: "男", Gender.FEMALE: "女"})
    with translation.override("zh-hans"):
        assert choice.label("F") == "女"
    with translation.override("en"):
        assert choice.label("F") == "female"
    assert choice.options() == [("M", "男", "male"), ("F", "女", "female")]


def test_a_title_row_above_the_header_is_skipped():
    sheet = _read(["某某支部党员花名册"], [[], ["姓名", "性别"], ["张三", "男"]])
    assert [(row.row_number, row.values["name"]) for row in sheet.rows] == [(4, "张三")]


def test_a_single_known_column_is_a_header_and_no_row_is_lost():
    sheet = _read(["姓名"], [["张三"], ["李四"]])
    assert [row.values["name"] for row in sheet.rows] == ["张三", "李四"]


def test_when_no_row_looks_like_a_header_the_first_one_is_reported():
    with pytest.raises(ImportFileError) as caught:
        _read(["名单", "备注"], [["张三", "x"]])
    assert "名单" in caught.value.message and "姓名" in caught.value.message


def test_a_running_number_column_is_ignored():
    sheet = _read(["序号", "姓名"], [[1, "张三"]])
    assert sheet.rows[0].values["name"] == "张三"
    assert sheet.rows[0].cells == ["张三", "", ""]

"""Workbooks built in memory for the Excel tests (no binary fixtures in the repository).

Import what a test module needs from here; the fixtures the Excel tests share (media_root,
committee_member_a) are in members/tests/conftest.py."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook, load_workbook

from members.excel.engine import XLSX_CONTENT_TYPE
from members.idnumber import make_id_number

HEADER_ZH = [
    "姓名",
    "性别",
    "出生日期",
    "民族",
    "学历",
    "身份证号",
    "手机号",
    "地址",
    "工作单位及职务",
    "人员类别",
    "党员状态",
    "入党日期",
    "转正日期",
    "所在支部",
    "所在网格",
]
HEADER_EN = [
    "Name",
    "Gender",
    "Birth date",
    "Ethnicity",
    "Education",
    "ID number",
    "Phone",
    "Address",
    "Workplace and post",
    "Employment category",
    "Member status",
    "Joined the party on",
    "Full member since",
    "Branch",
    "Grid cell code",
]


def id_number(sequence: int, born=datetime.date(1985, 3, 9)) -> str:
    """A valid ID number of a man (odd sequence) born on ``born``."""
    return make_id_number("320104", born, sequence * 2 + 1)


def member_row(branch, sequence: int, **changes) -> list:
    """A valid row (Chinese header order) for a man in ``branch``; change cells by column key."""
    cells = {
        "name": f"导入{sequence}",
        "gender": "男",
        "birth_date": datetime.date(1985, 3, 9),
        "ethnicity": "汉族",
        "education": "本科",
        "id_number": id_number(sequence),
        "phone": f"1381234{sequence:04d}",
        "address": "中山路1号",
        "workplace": "某公司 职员",
        "employment": "在职",
        "status": "正式党员",
        "joined_on": "2010-07-01",
        "full_member_on": datetime.date(2011, 7, 1),
        "organization": branch.name,
        "grid_cell": branch.grid_cell.code if branch.grid_cell_id else "",
    }
    cells.update(changes)
    return list(cells.values())


def workbook_bytes(header, rows, *, title="党员名册") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_upload(header, rows, name="members.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, workbook_bytes(header, rows), content_type=XLSX_CONTENT_TYPE)


def read_response_workbook(response):
    return load_workbook(io.BytesIO(response.content))


def zh(message: str, **params) -> str:
    """A message as the default (Chinese) pages show it."""
    with translation.override("zh-hans"):
        text = translation.gettext(message)
    return text % params if params else text


def stored_files(root) -> list:
    """The uploads kept under ``root`` between a preview and its confirmation."""
    return [p for p in root.rglob("*") if p.is_file()]


def sheet_errors(response) -> list[tuple[int, str, str]]:
    """(row number, column label, message) of every error of a previewed sheet."""
    return [
        (row.row_number, label, message)
        for row in response.context["sheet"].rows
        for label, message in row.errors
    ]

"""The blank workbook people fill in: a data sheet with the header row (in the current
language, dropdowns on choice columns, ID-like columns kept as text) and an instructions sheet
listing every column, the allowed values of the choice columns and an example row."""

from collections.abc import Sequence

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from members.excel.columns import Choice, Column, is_chinese
from members.excel.engine import BOLD, DATE_FORMAT, TEXT_FORMAT, workbook_response
from members.excel.safe import append_row, new_workbook

TEMPLATE_ROWS = 2000  # rows that get the text format and dropdowns


def _data_sheet(sheet, columns: Sequence[Column]) -> None:
    append_row(sheet, [column.label for column in columns])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index).font = BOLD
        sheet.column_dimensions[letter].width = column.width
        cells = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
        if column.as_text:
            for (cell,) in sheet[cells]:
                cell.number_format = TEXT_FORMAT
        if isinstance(column.parser, Choice):
            labels = [column.parser.label(code) for code, _zh, _en in column.parser.options()]
            validation = DataValidation(
                type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True
            )
            # a dropdown that still accepts other spellings (English labels, codes)
            validation.showErrorMessage = False
            validation.add(cells)
            sheet.add_data_validation(validation)


def _instructions_sheet(sheet, columns: Sequence[Column], intro: str) -> None:
    append_row(sheet, [intro])
    append_row(sheet, [])
    append_row(sheet, [_("Column"), _("Required"), _("What to write"), _("Example")])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for column in columns:
        example = column.format(column.example)
        append_row(
            sheet, [column.label, _("yes") if column.required else "", str(column.help), example]
        )
        if hasattr(example, "isoformat"):
            sheet.cell(row=sheet.max_row, column=4).number_format = DATE_FORMAT
    append_row(sheet, [])
    append_row(sheet, [_("Allowed values")])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    append_row(sheet, [_("Column"), "中文", "English", _("Code")])
    for column in columns:
        if isinstance(column.parser, Choice):
            for code, zh, en in column.parser.options():
                append_row(sheet, [column.label, zh, en, code])
    append_row(sheet, [])
    append_row(sheet, [_("Example row")])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    append_row(sheet, [column.label for column in columns])
    append_row(sheet, [column.format(column.example) for column in columns])
    for index, column in enumerate(columns, start=1):
        if hasattr(column.example, "isoformat"):
            sheet.cell(row=sheet.max_row, column=index).number_format = DATE_FORMAT
    for letter, width in zip("ABCD", (18, 22, 60, 22), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=4, max_col=3, min_col=3):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def template_response(
    *, columns: Sequence[Column], sheet_title: str, intro: str, filename: str
) -> HttpResponse:
    workbook = new_workbook()
    data = workbook.active
    data.title = sheet_title[:31]
    _data_sheet(data, columns)
    instructions = workbook.create_sheet("说明" if is_chinese() else _("Instructions")[:31])
    _instructions_sheet(instructions, columns, intro)
    workbook.active = 0
    return workbook_response(workbook, filename)

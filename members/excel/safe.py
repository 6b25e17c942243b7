"""Cells that a spreadsheet program shows as text and never runs.

Excel, WPS and LibreOffice take a text beginning with ``=``, ``+``, ``-`` or ``@`` for a formula
(some also after a leading tab or carriage return): a member named ``=HYPERLINK("http://x","y")``
would become a live link in an exported roll. Every .xlsx and .csv the project writes is built
here: workbooks come from ``new_workbook``, cells from ``safe_cell`` or ``append_row``, CSV rows
from ``csv_writer``. A test fails when an export creates a workbook or a CSV writer elsewhere.

In a workbook the text is kept as it is (an export can be imported again) but stored as a text
cell with Excel's quote prefix, so it is neither evaluated nor turned into a formula when the
cell is edited. CSV has no cell types: a risky field gets a leading apostrophe.
"""

import csv

from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def cell_value(value):
    """A value as it goes into a cell: lazy translations become text."""
    if isinstance(value, Promise):
        return str(value)
    return value


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def new_workbook(*, write_only: bool = False) -> Workbook:
    return Workbook(write_only=write_only)


def safe_cell(sheet, value, *, font=None, number_format: str | None = None):
    """A cell of ``sheet`` (write-only or not) holding ``value``; text is always a text cell."""
    value = cell_value(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would store "=…" as a formula and "#N/A" as an error
        if is_formula_like(value):
            cell.quotePrefix = True
    if font is not None:
        cell.font = font
    if number_format is not None:
        cell.number_format = number_format
    return cell


def append_row(sheet, values) -> None:
    sheet.append(
        [value if isinstance(value, Cell) else safe_cell(sheet, value) for value in values]
    )


def csv_field(value) -> str:
    value = cell_value(value)
    if value is None:
        return ""
    text = str(value)
    return "'" + text if is_formula_like(text) else text


class _SafeCsvWriter:
    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    def writerow(self, values):
        return self._writer.writerow([csv_field(value) for value in values])

    def writerows(self, rows):
        for values in rows:
            self.writerow(values)


def csv_writer(file, **options) -> _SafeCsvWriter:
    """``csv.writer`` whose rows have every risky text field prefixed with an apostrophe."""
    return _SafeCsvWriter(file, **options)

"""Reading an uploaded .xlsx into validated rows, and writing .xlsx responses.

An import reads the first sheet: its header row (the first non-empty row, or the first that
looks like a header below a title row) is matched against the column specs in either
language, and every later non-empty row is parsed into a ``RowResult``.
Problems with the file as a whole (not a workbook, too big, wrong header) raise
``ImportFileError`` and give no preview; problems with a cell are errors on its row.
"""

import io
import itertools
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from members.excel.columns import Column, cell_text, is_blank, normalize_header
from members.excel.safe import safe_cell

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# a 5 MB workbook that unpacks to more than this is a zip bomb, not a branch's ledger
# (2,000 rows of 15 columns unpack to about 2 MB)
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# a running number that ledgers put first and that carries nothing to import
IGNORED_HEADERS = frozenset(normalize_header(name) for name in ("序号", "No."))
HEADER_SEARCH_ROWS = 5  # non-empty rows looked at to find the header below a title
DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"
BOLD = Font(bold=True)


class ImportFileError(Exception):
    """The file as a whole cannot be imported; ``message`` says why, for the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class RowResult:
    row_number: int  # as Excel numbers it, header included
    values: dict = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column label, message)
    cells: list[str] = field(default_factory=list)  # the cells as text, in column order
    error_keys: set[str] = field(default_factory=set)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def add_error(self, column: Column | None, message) -> None:
        """An error on a cell, or on the row as a whole when ``column`` is None."""
        self.errors.append((column.label if column else "", str(message)))
        if column is not None:
            self.error_keys.add(column.key)

    def add_validation_error(self, error: ValidationError, columns: Sequence[Column]) -> None:
        """A model's ValidationError, each message on the column of its field."""
        by_key = {column.key: column for column in columns}
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                self.add_error(None, message)
            return
        for key, errors in error.message_dict.items():
            for message in errors:
                self.add_error(by_key.get(key), message)


@dataclass
class ParsedSheet:
    columns: Sequence[Column]
    rows: list[RowResult]

    @property
    def invalid_count(self) -> int:
        return sum(1 for row in self.rows if not row.is_valid)

    @property
    def valid_count(self) -> int:
        return len(self.rows) - self.invalid_count

    @property
    def is_valid(self) -> bool:
        """Every row may be written (and there is at least one)."""
        return bool(self.rows) and self.invalid_count == 0

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


# Reading


def check_upload_size(upload, max_bytes: int = MAX_UPLOAD_BYTES) -> None:
    """Refuse a file that is too big before anything opens it."""
    if upload.size > max_bytes:
        raise ImportFileError(
            _("The file has %(size)s MB; at most %(max)d MB can be imported at once.")
            % {"size": f"{upload.size / 1024 / 1024:.1f}", "max": max_bytes // 1024 // 1024}
        )


def _not_a_workbook() -> ImportFileError:
    return ImportFileError(
        _(
            "This file is not an Excel workbook (.xlsx). Open it in Excel or WPS and save it "
            "as “Excel Workbook (*.xlsx)”, or start from the template."
        )
    )


def _open(upload):
    upload.seek(0)
    if not zipfile.is_zipfile(upload):
        raise _not_a_workbook()
    upload.seek(0)
    with zipfile.ZipFile(upload) as archive:
        if "xl/workbook.xml" not in archive.namelist():
            raise _not_a_workbook()
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise ImportFileError(_("This workbook unpacks to too much data to be imported."))
    upload.seek(0)
    try:
        return load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # an upload can be broken in any way openpyxl may trip over
        raise _not_a_workbook() from exc


def _sheet_rows(workbook):
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    except Exception as exc:  # malformed sheet XML
        raise _not_a_workbook() from exc


def _header_positions(header: Sequence, columns: Sequence[Column]) -> dict[str, int]:
    """Where each column is; the header names every required column and nothing unknown."""
    lookup = {name: column for column in columns for name in column.header_names()}
    positions: dict[str, int] = {}
    unknown, repeated = [], []
    for index, value in enumerate(header):
        if is_blank(value) or normalize_header(value) in IGNORED_HEADERS:
            continue
        column = lookup.get(normalize_header(value))
        if column is None:
            unknown.append(cell_text(value))
        elif column.key in positions:
            repeated.append(column.label)
        else:
            positions[column.key] = index
    missing = [
        column.label for column in columns if column.required and column.key not in positions
    ]
    problems = []
    if missing:
        problems.append(
            _("The header row lacks these columns: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    if unknown:
        problems.append(
            _("These columns are unknown: %(columns)s.") % {"columns": ", ".join(unknown)}
        )
    if repeated:
        problems.append(
            _("These columns appear twice: %(columns)s.") % {"columns": ", ".join(repeated)}
        )
    if problems:
        problems.append(_("Use the header row of the template."))
        raise ImportFileError(" ".join(problems))
    return positions


def _parse_row(number: int, cells: Sequence, positions: dict[str, int], columns) -> RowResult:
    row = RowResult(row_number=number)
    for column in columns:
        index = positions.get(column.key)
        raw = cells[index] if index is not None and index < len(cells) else None
        row.cells.append(cell_text(raw))
        row.values[column.key] = column.default
        if is_blank(raw):
            if column.required:
                row.add_error(column, _("This column must be filled in."))
            continue
        try:
            row.values[column.key] = column.parser(raw)
        except ValidationError as exc:
            for message in exc.messages:
                row.add_error(column, message)
    return row


def _find_header(rows, columns: Sequence[Column]):
    """(row number, cells) of the header, and the rows after it as (number, cells).

    Ledgers often open with a title row (“某某支部党员花名册”): the header is the first of the
    first few non-empty rows whose cells are all, or at least two of them, known column names;
    failing that, the first non-empty row (whose header error then names what is wrong)."""
    names = {name for column in columns for name in column.header_names()} | IGNORED_HEADERS
    numbered = enumerate(rows, start=1)
    seen = []
    for number, cells in numbered:
        filled = [value for value in cells if not is_blank(value)]
        if not filled:
            continue
        seen.append((number, cells))
        known = sum(1 for value in filled if normalize_header(value) in names)
        if known == len(filled) or known >= 2:
            return (number, cells), numbered
        if len(seen) >= HEADER_SEARCH_ROWS:
            break
    if not seen:
        raise ImportFileError(_("The first sheet of this workbook is empty."))
    return seen[0], itertools.chain(seen[1:], numbered)


def read_upload(upload, columns: Sequence[Column], *, max_rows: int) -> ParsedSheet:
    """Every non-empty row of the first sheet, parsed; raises ImportFileError for the file."""
    check_upload_size(upload)
    workbook = _open(upload)
    try:
        (_number, header), rows = _find_header(_sheet_rows(workbook), columns)
        positions = _header_positions(header, columns)
        results: list[RowResult] = []
        for number, cells in rows:
            if all(is_blank(value) for value in cells):
                continue
            if len(results) >= max_rows:
                raise ImportFileError(
                    _("The file has more than %(max)d rows; split it into smaller files.")
                    % {"max": max_rows}
                )
            results.append(_parse_row(number, cells, positions, columns))
    finally:
        workbook.close()
    if not results:
        raise ImportFileError(_("The file has a header row but no rows below it."))
    return ParsedSheet(columns=columns, rows=results)


# Writing


def _cell(sheet, value, column: Column | None = None, font: Font | None = None):
    number_format = None
    if column is not None and column.as_text:
        number_format = TEXT_FORMAT
    elif hasattr(value, "isoformat") and not isinstance(value, str):
        number_format = DATE_FORMAT
    return safe_cell(sheet, value, font=font, number_format=number_format)


def write_sheet(workbook: Workbook, title: str, columns: Sequence[Column], rows: Iterable):
    """A sheet of a write-only workbook (``safe.new_workbook(write_only=True)``): the header in
    the current language, then ``rows`` (each a sequence of values in column order, already
    passed through ``Column.format``); text cells are never formulas."""
    sheet = workbook.create_sheet(title=title[:31])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, column.label, font=BOLD) for column in columns])
    for values in rows:
        sheet.append(
            [_cell(sheet, value, column) for value, column in zip(values, columns, strict=True)]
        )
    return sheet


def workbook_response(workbook: Workbook, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response

"""The dues ledger (党费收缴台账) in Excel: its columns, the blank template, and reading an
upload into payments that ``members.services.dues_import`` records.

A row names its member (``members.excel.ledger``) among the members on the roll of the
organization imported into that the user manages.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.excel.columns import EARLIEST_YEAR, Column, cell_text, is_chinese, parse_date
from members.excel.engine import ParsedSheet, read_upload
from members.excel.ledger import (
    PERSON_COLUMNS,
    PERSON_KEYS,
    check_repeated,
    identify_members,
    parse_decimal,
)
from members.excel.members import EMPLOYMENT
from members.excel.template import template_response
from members.models import EmploymentCategory
from members.selectors.roll import manageable_members_for
from members.services.dues_import import DuesRow, dues_import
from organizations import scoping
from organizations.models import Organization

# Each row goes through three dues services, about 35 queries and 10 ms on a laptop: 500 rows
# keep the preview's dry run and the confirmation each within a web worker's timeout. A larger
# ledger is imported in several files.
MAX_ROWS = 500
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月|[-/.]\s*0?1\s*日?)?$")


def parse_month(value) -> datetime.date:
    """A month as 2025-06, 2025/6, 2025.06, 2025年6月 or 202506, or a date cell (its month)."""
    if isinstance(value, datetime.date):
        return datetime.date(value.year, value.month, 1)
    if isinstance(value, float) and not value.is_integer():
        # Excel turns 2025.10 into the number 2025.1: the month can no longer be told
        raise ValidationError(
            _("Excel keeps this month as a number; write it as YYYY-MM in a text cell.")
        )
    text = cell_text(value)
    match = _MONTH.match(text)
    if match:
        year, month = int(match[1]), int(match[2])
    elif len(text) == 6 and text.isdigit():
        year, month = int(text[:4]), int(text[4:])
    else:
        year, month = 0, 0
    if year < EARLIEST_YEAR or not 1 <= month <= 12:
        raise ValidationError(
            _("“%(value)s” is not a month; write it as YYYY-MM, for example 2025-05.")
            % {"value": text}
        )
    return datetime.date(year, month, 1)


def parse_money(value) -> Decimal:
    return parse_decimal(
        value, 2, _("“%(value)s” is not an amount in yuan with at most 2 decimals, such as 25.50.")
    )


DUES_COLUMNS = (
    *PERSON_COLUMNS,
    Column(
        "month",
        gettext_lazy("Month"),
        "月份",
        parse_month,
        required=True,
        default=None,
        aliases=("缴费月份", "缴纳月份", "所属月份", "党费月份"),
        help=gettext_lazy("The month paid for, as YYYY-MM."),
        example="2025-06",
        width=10,
        as_text=True,
    ),
    Column(
        "category",
        gettext_lazy("Employment category"),
        "人员类别",
        EMPLOYMENT,
        help=gettext_lazy("Decides the dues rate. Left blank: the member's category on the roll."),
        example=EmploymentCategory.EMPLOYED,
    ),
    Column(
        "income",
        gettext_lazy("Monthly income after tax"),
        "月收入（税后）",
        parse_money,
        default=None,
        aliases=("税后月收入", "月收入", "月工资收入"),
        help=gettext_lazy(
            "In yuan. Needed for employed and retired members, unless the month's record "
            "already has it."
        ),
        example=Decimal("4000"),
        width=14,
    ),
    Column(
        "amount",
        gettext_lazy("Amount paid"),
        "实缴金额",
        parse_money,
        required=True,
        default=None,
        aliases=("实缴党费", "缴纳金额", "交纳金额", "金额"),
        help=gettext_lazy("In yuan: at least the amount due; more is allowed."),
        example=Decimal("40.00"),
        width=10,
    ),
    Column(
        "paid_on",
        gettext_lazy("Paid on"),
        "缴纳日期",
        parse_date,
        required=True,
        default=None,
        aliases=("缴费日期", "交纳日期"),
        help=gettext_lazy(
            "YYYY-MM-DD: not before the month, not in the future, within the make-up window."
        ),
        example=datetime.date(2025, 6, 10),
        width=12,
    ),
)


# The template and the upload


def dues_template() -> HttpResponse:
    return template_response(
        columns=DUES_COLUMNS,
        sheet_title="党费收缴台账" if is_chinese() else _("Party dues"),
        intro=_(
            "Fill in one payment per row on the first sheet, below its header row: the member "
            "(the name with the ID number, or with its last 4 characters), the month paid for, "
            "the amount and the day it was paid. A month without a dues record gets one; the "
            "monthly income is needed for members paying a share of their income."
        ),
        filename=("党费导入模板" if is_chinese() else "dues-import-template") + ".xlsx",
    )


@dataclass
class DuesUpload:
    sheet: ParsedSheet
    written: bool = False

    @property
    def months(self) -> list[datetime.date]:
        return sorted({row.values["month"] for row in self.sheet.rows})


def _refusal_on_columns(error: ValidationError) -> ValidationError:
    """The services' refusal of a whole month (already paid) belongs to the month column."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {
            ("month" if key == NON_FIELD_ERRORS else key): messages
            for key, messages in error.message_dict.items()
        }
    )


def read_dues_upload(
    upload, *, actor, organization: Organization, commit: bool = False
) -> DuesUpload:
    """The upload's rows, each checked by running it through the dues services; with
    ``commit`` and every row valid, the payments are kept. Raises ImportFileError for a file
    that cannot be read at all."""
    sheet = read_upload(upload, DUES_COLUMNS, max_rows=MAX_ROWS)
    candidates = manageable_members_for(actor).on_roll().filter(scoping.under_q(organization))
    identify_members(sheet, candidates, where=organization.name)
    check_repeated(
        sheet,
        ("member", "month"),
        _("The same member and month are also on row %(rows)s."),
        "month",
    )
    rows = [
        DuesRow(
            number=row.row_number, **{k: v for k, v in row.values.items() if k not in PERSON_KEYS}
        )
        for row in sheet.rows
        if row.is_valid
    ]
    commit = commit and sheet.is_valid
    refused, _payments = dues_import(actor=actor, rows=rows, commit=commit)
    for row in sheet.rows:
        if row.row_number in refused:
            row.add_validation_error(_refusal_on_columns(refused[row.row_number]), sheet.columns)
    return DuesUpload(sheet=sheet, written=commit and sheet.is_valid)

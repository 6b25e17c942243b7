"""What the dues and the training imports share, as branches keep both ledgers (台账): which
member a row names, by the full ID number or by the name with the last 4 characters of the ID
number, among members already scoped to what the user manages (a member outside that scope
reads exactly like one that does not exist); numbers such as amounts and class hours; and
the same member twice in a file.
"""

import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.excel.columns import Column, cell_text
from members.excel.engine import ParsedSheet, RowResult
from members.excel.members import parse_id_number
from members.idnumber import validate_id_number

_LAST4 = re.compile(r"^\d{3}[\dX]$")
_MONEY_NOISE = re.compile(r"[\s,，¥￥元]")
PERSON_KEYS = ("name", "id_number", "id_last4")


def parse_member_id_number(value) -> str:
    number = parse_id_number(value)
    validate_id_number(number)
    return number


def parse_id_last4(value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        # 0317 typed in a cell not formatted as text is kept as the number 317
        text = f"{int(value):04d}" if float(value).is_integer() else cell_text(value)
    else:
        text = cell_text(value).upper()
    if not _LAST4.match(text):
        raise ValidationError(
            _("Write the last 4 characters of the ID number, such as 0317 or 123X.")
        )
    return text


def parse_decimal(value, places: int, message: str) -> Decimal:
    if isinstance(value, bool):
        raise ValidationError(message % {"value": cell_text(value)})
    text = cell_text(value) if isinstance(value, int | float) else _MONEY_NOISE.sub("", str(value))
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValidationError(message % {"value": cell_text(value)}) from exc
    if not number.is_finite() or number.as_tuple().exponent < -places:
        raise ValidationError(message % {"value": cell_text(value)})
    return number


PERSON_COLUMNS = (
    Column("name", gettext_lazy("Name"), "姓名", required=True, example="张三", width=10),
    Column(
        "id_number",
        gettext_lazy("ID number"),
        "身份证号",
        parse_member_id_number,
        aliases=("身份证号码", "公民身份号码", "身份证"),
        help=gettext_lazy("18 characters; or leave it blank and give the last 4 characters."),
        example="320102198005170017",
        width=22,
        as_text=True,
    ),
    Column(
        "id_last4",
        gettext_lazy("ID number last 4"),
        "身份证号后四位",
        parse_id_last4,
        aliases=("身份证后四位", "后四位"),
        help=gettext_lazy(
            "With the name, enough to find the member when the ID number is left blank."
        ),
        example="0017",
        width=10,
        as_text=True,
    ),
)


def _unknown(row: RowResult, sheet: ParsedSheet, where: str) -> None:
    """The same words whether the member is missing or outside what the user manages."""
    if row.values["id_number"]:
        row.add_error(
            sheet.column("id_number"),
            _(
                "There is no member with this ID number on the roll of %(org)s among the members you manage."
            )
            % {"org": where},
        )
    else:
        row.add_error(
            sheet.column("name"),
            _(
                "There is no member “%(name)s” with an ID number ending in %(last4)s on the roll "
                "of %(org)s among the members you manage."
            )
            % {"name": row.values["name"], "last4": row.values["id_last4"], "org": where},
        )


def _match(row: RowResult, sheet: ParsedSheet, by_id: dict, by_name: dict, where: str):
    values = row.values
    if values["id_number"]:
        member = by_id.get(values["id_number"])
        if member is not None and member.name != values["name"]:
            row.add_error(
                sheet.column("name"),
                _("The member with this ID number is called “%(name)s”.") % {"name": member.name},
            )
        if member is not None and values["id_last4"] not in ("", values["id_number"][-4:]):
            row.add_error(
                sheet.column("id_last4"), _("The last 4 characters do not match the ID number.")
            )
        return member
    found = by_name.get((values["name"], values["id_last4"]), [])
    if len(found) > 1:
        row.add_error(
            sheet.column("id_number"),
            _(
                "%(count)s of your members called “%(name)s” have an ID number ending in "
                "%(last4)s; write the full ID number."
            )
            % {"count": len(found), "name": values["name"], "last4": values["id_last4"]},
        )
        return None
    return found[0] if found else None


def identify_members(sheet: ParsedSheet, candidates: QuerySet, *, where: str) -> None:
    """``row.values["member"]``: the member among ``candidates`` (already scoped) that the
    row names, or None with an error on the row. One query, whatever the number of rows."""
    rows = [row for row in sheet.rows if not row.error_keys & set(PERSON_KEYS)]
    for row in sheet.rows:
        row.values["member"] = None
    for row in rows:
        if not row.values["id_number"] and not row.values["id_last4"]:
            row.add_error(
                sheet.column("id_number"),
                _("Give the ID number, or its last 4 characters in the column “%(column)s”.")
                % {"column": sheet.column("id_last4").label},
            )
    rows = [row for row in rows if row.is_valid]
    if not rows:
        return
    ids = {row.values["id_number"] for row in rows if row.values["id_number"]}
    pairs = {(row.values["name"], row.values["id_last4"]) for row in rows if row.values["id_last4"]}
    members = candidates.filter(
        Q(id_number__in=ids)
        | Q(name__in={name for name, _l in pairs}, id_last4__in={last4 for _n, last4 in pairs})
    ).select_related("organization")
    by_id, by_name = {}, defaultdict(list)
    for member in members:
        by_id[member.id_number] = member
        by_name[(member.name, member.id_last4)].append(member)
    for row in rows:
        member = _match(row, sheet, by_id, by_name, where)
        if member is None and row.is_valid:
            _unknown(row, sheet, where)
        elif row.is_valid:
            row.values["member"] = member


def check_repeated(sheet: ParsedSheet, keys: tuple[str, ...], message: str, column: str) -> None:
    """Two rows for the same member (and month): both get ``message`` naming the other rows."""
    rows_by_key = defaultdict(list)
    for row in sheet.rows:
        if row.is_valid:
            rows_by_key[tuple(row.values[key] for key in keys)].append(row)
    for rows in rows_by_key.values():
        for row in rows if len(rows) > 1 else ():
            others = ", ".join(str(other.row_number) for other in rows if other is not row)
            row.add_error(sheet.column(column), message % {"rows": others})

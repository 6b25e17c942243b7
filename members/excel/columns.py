"""Column specifications: what a column is called in either language, how a cell becomes a
value (its parser) and how a value becomes a cell again (``Column.format``).

Labels are defined in English for the catalogue, with the Chinese label written out as well:
headers in Chinese must be recognised (and templates written in Chinese) whether or not the
catalogue has been translated yet.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

_HINT = re.compile(r"[(（\[【].*?[)）\]】]")
_NOISE = re.compile(r"[\s*＊:：]")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
EARLIEST_YEAR = 1900


def is_chinese() -> bool:
    return (translation.get_language() or "").lower().startswith("zh")


def normalize_header(value) -> str:
    """Headers such as "身份证号 *", "身份证号（18位）" or "ID Number" match their column."""
    text = _HINT.sub("", cell_text(value))
    return _NOISE.sub("", text).casefold()


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value) -> str:
    """A cell as text; whole numbers lose the ".0" that Excel gives them."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def parse_text(value) -> str:
    return cell_text(value)


def _date(year: int, month: int, day: int) -> datetime.date:
    try:
        result = datetime.date(year, month, day)
    except ValueError as exc:
        raise ValidationError(
            _("%(year)s-%(month)s-%(day)s is not a date of the calendar.")
            % {"year": year, "month": month, "day": day}
        ) from exc
    if result.year < EARLIEST_YEAR:
        raise ValidationError(
            _("The year %(year)s is too early to be right.") % {"year": result.year}
        )
    return result


def parse_date(value) -> datetime.date:
    """A date cell, or text such as 2021-07-01, 2021/7/1, 2021.7.1, 2021年7月1日 or 20210701."""
    if isinstance(value, datetime.datetime):
        return _date(value.year, value.month, value.day)
    if isinstance(value, datetime.date):
        return _date(value.year, value.month, value.day)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 10000101 <= value <= 99991231 and float(value).is_integer():
            text = str(int(value))
            return _date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if 1 <= value < 2958466:  # a date serial number in a cell not formatted as a date
            day = from_excel(value)
            return _date(day.year, day.month, day.day)
    text = cell_text(value)
    if len(text) == 8 and text.isdigit():
        return _date(int(text[:4]), int(text[4:6]), int(text[6:]))
    match = _DATE.match(text)
    if match:
        return _date(*(int(part) for part in match.groups()))
    raise ValidationError(
        _("“%(value)s” is not a date; write it as YYYY-MM-DD, for example 2021-07-01.")
        % {"value": text}
    )


def _key(value) -> str:
    return _NOISE.sub("", cell_text(value)).casefold()


class Choice:
    """Parser of a choice column: accepts the code, the English label, the label in the
    current language, or one of the Chinese labels given here (the first is the one shown)."""

    def __init__(self, choices: type[TextChoices], zh: dict[str, str | tuple[str, ...]]):
        self.choices = choices
        self.zh = {
            code: (names,) if isinstance(names, str) else tuple(names) for code, names in zh.items()
        }
        self._lookups: dict[str, dict[str, str]] = {}

    def label(self, code: str) -> str:
        if not code:
            return ""
        if is_chinese() and code in self.zh:
            return self.zh[code][0]
        return str(self.choices(code).label)

    def options(self) -> list[tuple[str, str, str]]:
        """(code, Chinese label, English label) of every choice, for the instructions."""
        with translation.override("en"):
            english = {code: str(label) for code, label in self.choices.choices}
        return [(code, self.zh.get(code, ("",))[0], english[code]) for code in english]

    def _lookup(self) -> dict[str, str]:
        """Every accepted spelling → code, for the current language (labels are code, not
        data, so keeping them per language is safe in any number of processes)."""
        language = translation.get_language() or ""
        if language not in self._lookups:
            lookup = {}
            with translation.override("en"):
                english = {code: str(label) for code, label in self.choices.choices}
            for code, label in self.choices.choices:
                for name in (code, str(label), english[code], *self.zh.get(code, ())):
                    lookup[_key(name)] = code
            self._lookups[language] = lookup
        return self._lookups[language]

    def __call__(self, value) -> str:
        code = self._lookup().get(_key(value))
        if code is not None:
            return code
        raise ValidationError(
            _("“%(value)s” is not one of: %(allowed)s.")
            % {
                "value": cell_text(value),
                "allowed": ", ".join(self.label(code) for code in self.choices.values),
            }
        )


@dataclass(frozen=True)
class Column:
    """One column of an import or export. ``parser`` turns a non-blank cell into a value or
    raises ValidationError; a blank cell gives ``default`` (or an error when ``required``)."""

    key: str
    label_en: Promise | str
    label_zh: str
    parser: Callable[[object], object] = parse_text
    required: bool = False
    default: object = ""
    aliases: tuple[str, ...] = ()
    help: Promise | str = ""
    example: object = ""
    width: int = 14
    as_text: bool = False  # digits that must stay text (ID and phone numbers)

    @property
    def label(self) -> str:
        """The header in the current language."""
        return self.label_zh if is_chinese() else str(self.label_en)

    def header_names(self) -> set[str]:
        names = {self.key, self.label_zh, str(self.label_en), *self.aliases}
        with translation.override("en"):
            names.add(str(self.label_en))
        return {normalize_header(name) for name in names}

    def format(self, value):
        """A value as it goes into a cell."""
        if isinstance(self.parser, Choice):
            return self.parser.label(value)
        if value is None or value == "":
            return None
        return value

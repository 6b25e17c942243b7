"""Resident identity card numbers (居民身份证号码) per GB 11643-1999: 6-digit region code,
8-digit birth date, 3-digit sequence (odd for men, even for women) and a check character."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"
PROVINCES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82", "83",
}  # fmt: skip


def check_character(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


def normalize(value: str) -> str:
    return (value or "").strip().upper()


def birth_date_of(value: str) -> datetime.date | None:
    try:
        return datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except (ValueError, IndexError):
        return None


def gender_of(value: str) -> str:
    """ "M" or "F" from the sequence code's last digit."""
    return "M" if int(value[16]) % 2 else "F"


def validate_id_number(value: str) -> None:
    value = normalize(value)
    if len(value) != 18:
        raise ValidationError(
            _("An ID number has 18 characters; this one has %(n)s.") % {"n": len(value)}
        )
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise ValidationError(_("An ID number is 17 digits followed by a digit or X."))
    if value[:2] not in PROVINCES:
        raise ValidationError(
            _("The ID number starts with %(code)s, which is no province code.")
            % {"code": value[:2]}
        )
    born = birth_date_of(value)
    if born is None or born.year < 1850 or born > timezone.localdate():
        raise ValidationError(_("The birth date inside the ID number is not a real date."))
    expected = check_character(value[:17])
    if value[17] != expected:
        raise ValidationError(
            _(
                "The check character of this ID number should be %(expected)s, not %(given)s; a digit was probably mistyped."
            )
            % {"expected": expected, "given": value[17]}
        )


def is_valid_id_number(value: str) -> bool:
    try:
        validate_id_number(value)
    except ValidationError:
        return False
    return True


def make_id_number(region: str, born: datetime.date, sequence: int) -> str:
    """A well-formed number (for demo data and tests): region 6 digits, sequence 0–999."""
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)

"""ID numbers: the check character, the reasons a malformed number is refused, and made numbers."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from members.idnumber import check_character, make_id_number, validate_id_number

# Numbers in the published format, with check characters computed per GB 11643
REAL_FORMAT = [
    "11010519491231002X",  # the standard's own example
    "440524188001010014",  # the standard's own example
    "320102198005170033",
    "51010419900307004X",
]


@pytest.mark.parametrize("number", REAL_FORMAT)
def test_numbers_with_the_right_check_character_pass(number):
    validate_id_number(number)


def test_lowercase_x_is_accepted():
    validate_id_number("11010519491231002x")


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        ("110105194912310021", "check character"),
        ("11010519491231002", "18 characters"),
        ("1101051949123100211", "18 characters"),
        ("11010519491231A02X", "17 digits"),
        ("99010519491231002X", "province"),
        ("110105194902300025", "not a real date"),
        ("110105209901010012", "not a real date"),
    ],
)
def test_malformed_numbers_are_refused_with_the_reason(number, fragment):
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as exc:
        validate_id_number(number)
    assert fragment in exc.value.messages[0]


def test_check_character_ten_is_x():
    assert check_character("11010519491231002") == "X"


def test_made_numbers_are_valid():
    number = make_id_number("320102", datetime.date(2000, 2, 29), 123)
    validate_id_number(number)
    assert number[6:14] == "20000229"

"""Months are calendar months: the same day N months on, or the last day of a shorter month."""

import datetime

import pytest

from policies.calendar import add_months, add_years

D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 8, 31), 1, D(2026, 9, 30)),
        (D(2026, 2, 28), 1, D(2026, 3, 28)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 7, 1), 6, D(2027, 1, 1)),
        (D(2026, 1, 15), -13, D(2024, 12, 15)),
        (D(2026, 5, 10), 0, D(2026, 5, 10)),
    ],
)
def test_add_months_keeps_the_day_or_clamps_to_the_end_of_the_month(day, months, expected):
    assert add_months(day, months) == expected


def test_add_years_takes_29_february_to_28_february_of_a_common_year():
    assert add_years(D(2028, 2, 29), 1) == D(2029, 2, 28)
    assert add_years(D(2028, 2, 29), 4) == D(2032, 2, 29)
    assert add_years(D(2026, 6, 30), 5) == D(2031, 6, 30)


def test_add_months_crosses_year_ends_both_ways():
    assert add_months(D(2026, 12, 31), 1) == D(2027, 1, 31)
    assert add_months(D(2027, 1, 31), -1) == D(2026, 12, 31)
    assert add_months(D(2026, 12, 1), 12) == D(2027, 12, 1)


def test_add_months_back_from_a_leap_day():
    assert add_months(D(2028, 2, 29), -12) == D(2027, 2, 28)
    assert add_months(D(2028, 3, 31), -1) == D(2028, 2, 29)


def test_add_years_backwards_clamps_a_leap_day_too():
    assert add_years(D(2028, 2, 29), -1) == D(2027, 2, 28)
    assert add_years(D(2026, 3, 1), -2) == D(2024, 3, 1)

"""Calendar arithmetic of members/dates.py: months added to a day, and birthdays on 29 February."""

import datetime

import pytest

from members.dates import add_months, birthday

D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 3, 31), 1, D(2024, 4, 30)),
        (D(2024, 8, 31), 6, D(2025, 2, 28)),
        (D(2024, 11, 15), 3, D(2025, 2, 15)),  # across the year end
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 5, 31), -3, D(2024, 2, 29)),  # backwards
        (D(2025, 1, 15), -1, D(2024, 12, 15)),
        (D(2024, 6, 1), 0, D(2024, 6, 1)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_last_day_of_a_shorter_month(day, months, expected):
    assert add_months(day, months) == expected


def test_someone_born_on_29_february_comes_of_age_on_28_february_in_a_common_year():
    assert birthday(D(2006, 2, 28), 18) == D(2024, 2, 28)
    assert birthday(D(2004, 2, 29), 18) == D(2022, 2, 28)
    assert birthday(D(2008, 2, 29), 16) == D(2024, 2, 29)

"""Masking of ID and phone numbers: the ends stay visible, the middle is starred, and a value
too short to have a middle is starred whole, never shown."""

import pytest

from accounts.privacy import mask_id_number, mask_middle, mask_phone


@pytest.mark.parametrize(
    ("value", "start", "end", "masked"),
    [
        ("abcdefgh", 2, 2, "ab****gh"),
        ("abcde", 2, 2, "ab*de"),  # one character in the middle
        ("abcd", 2, 2, "****"),  # exactly the visible length: nothing shown
        ("abc", 2, 2, "***"),
        ("abcdef", 0, 2, "****ef"),
        ("abcdef", 2, 0, "ab****"),
        ("", 2, 2, ""),
    ],
)
def test_mask_middle(value, start, end, masked):
    assert mask_middle(value, start, end) == masked


def test_a_mobile_number_keeps_its_first_3_and_last_4_digits():
    assert mask_phone("13812345678") == "138****5678"


def test_a_landline_is_masked_the_same_way():
    assert mask_phone("025-84561234") == "025*****1234"


def test_an_id_number_keeps_its_region_prefix_and_last_4_characters():
    assert mask_id_number("32010219800101123X") == "3201**********123X"


@pytest.mark.parametrize("empty", ["", None])
def test_an_empty_or_missing_value_is_masked_as_nothing(empty):
    assert mask_phone(empty) == "" and mask_id_number(empty) == ""


def test_a_short_value_is_never_shown():
    assert mask_phone("1381234") == "*******"
    assert mask_id_number("12345678") == "********"

"""A rule figure's row: its label and default come from the definition, and the admin's value
is validated against the definition's bounds."""

import pytest
from django.core.exceptions import ValidationError

from policies import definitions as definitions_module
from policies.definitions import define
from policies.models import Policy


@pytest.fixture
def seats(monkeypatch):
    monkeypatch.setattr(definitions_module, "_definitions", {})
    return define("test.seats", 7, "Largest committee", minimum=3, maximum=15)


def test_a_row_reads_label_and_default_from_its_definition(seats):
    row = Policy(key="test.seats", value=9)
    assert (row.definition, row.label, row.default) == (seats, "Largest committee", 7)
    assert str(row) == "Largest committee: 9"


def test_a_row_whose_figure_is_no_longer_defined_shows_its_key(seats):
    row = Policy(key="test.removed", value=4)
    assert (row.definition, row.label, row.default) == (None, "test.removed", None)
    row.clean()  # nothing to validate against


@pytest.mark.parametrize("value", [3, 15])
def test_clean_accepts_the_bounds(seats, value):
    Policy(key="test.seats", value=value).clean()


@pytest.mark.parametrize("value", [2, 16])
def test_clean_refuses_a_value_outside_the_bounds_on_the_value_field(seats, value):
    with pytest.raises(ValidationError) as refused:
        Policy(key="test.seats", value=value).clean()
    assert list(refused.value.message_dict) == ["value"]

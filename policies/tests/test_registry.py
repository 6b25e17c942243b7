"""The rule-figure registry: declaring a figure, validating a value against its bounds, and
reading the value in force (the admin's row, else the published default)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from policies import definitions as definitions_module
from policies import registry
from policies.definitions import PolicyDefinition, define, definitions
from policies.models import Policy


@pytest.fixture
def fresh(monkeypatch):
    """An empty registry, so that a test's figures neither meet nor leave the apps' figures."""
    monkeypatch.setattr(definitions_module, "_definitions", {})


def test_define_returns_the_definition_and_registers_it(fresh):
    figure = define("test.seats", 7, "seats", minimum=1, maximum=9)
    assert figure == PolicyDefinition("test.seats", 7, "seats", 1, 9)
    assert definitions() == {"test.seats": figure}


def test_defining_the_same_figure_twice_alike_is_harmless(fresh):
    first = define("test.seats", 7, "seats")
    assert define("test.seats", 7, "seats") == first
    assert list(definitions()) == ["test.seats"]


def test_defining_a_figure_twice_with_another_default_is_refused(fresh):
    define("test.seats", 7, "seats")
    with pytest.raises(ValueError, match="test.seats"):
        define("test.seats", 8, "seats")


def test_definitions_is_a_copy_that_callers_cannot_change(fresh):
    define("test.seats", 7, "seats")
    definitions().clear()
    assert "test.seats" in definitions()


@pytest.mark.parametrize(("value", "valid"), [(0, False), (1, True), (9, True), (10, False)])
def test_a_value_is_checked_against_both_bounds_inclusive(value, valid):
    figure = PolicyDefinition("test.seats", 7, "seats", minimum=1, maximum=9)
    if valid:
        figure.validate(value)
    else:
        with pytest.raises(ValidationError):
            figure.validate(value)


def test_a_figure_without_bounds_takes_any_value():
    PolicyDefinition("test.days", 90, "days").validate(-5)


def test_the_message_names_the_figure_and_the_bound():
    figure = PolicyDefinition("test.seats", 7, "seats", minimum=3)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        figure.validate(2)
    with translation.override("en"):
        assert refused.value.messages == ["seats must be at least 3."]


@pytest.mark.django_db
def test_value_is_the_default_without_a_row_and_the_admins_value_with_one(fresh):
    figure = define("test.seats", 7, "seats")
    assert registry.value(figure) == 7
    Policy.objects.create(key="test.seats", value=5)
    assert registry.value(figure) == 5


@pytest.mark.django_db
def test_a_stored_zero_is_a_value_not_a_missing_row(fresh):
    figure = define("test.grace_days", 3, "grace days")
    Policy.objects.create(key="test.grace_days", value=0)
    assert registry.value(figure) == 0


@pytest.mark.django_db
def test_values_reads_several_figures_in_one_query(fresh, django_assert_num_queries):
    seats, days = define("test.seats", 7, "seats"), define("test.days", 90, "days")
    Policy.objects.create(key="test.days", value=30)
    with django_assert_num_queries(1):
        assert registry.values(seats, days) == {"test.seats": 7, "test.days": 30}


@pytest.mark.django_db
def test_ensure_rows_adds_the_missing_rows_and_keeps_the_admins_values(fresh):
    define("test.seats", 7, "seats")
    define("test.days", 90, "days")
    Policy.objects.create(key="test.days", value=30)

    registry.ensure_rows()
    registry.ensure_rows()  # after every migrate: a second run adds nothing

    rows = Policy.objects.filter(key__startswith="test.").values_list("key", "value")
    assert dict(rows) == {"test.seats": 7, "test.days": 30}


@pytest.mark.django_db
def test_every_figure_the_apps_define_has_a_row_after_migrate():
    stored = set(Policy.objects.values_list("key", flat=True))
    assert set(definitions()) <= stored

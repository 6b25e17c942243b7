"""The rate table at each bracket edge: brackets are (above, up to], rounded to the fen."""

import datetime
import importlib
from decimal import Decimal as D

import pytest
from django.apps import apps as django_apps

from members.dues_table import (
    DEFAULT_RATES,
    add_months,
    bracket_for,
    expected_amount,
    is_fixed_category,
    make_up_deadline,
    month_end,
)
from members.models import DuesRate, EmploymentCategory

RATES = [
    DuesRate(
        category=category,
        income_above=above,
        income_up_to=up_to,
        percent=percent,
        fixed_min=fixed_min,
        fixed_max=fixed_max,
    )
    for category, above, up_to, percent, fixed_min, fixed_max in DEFAULT_RATES
]

EDGES = [
    (EmploymentCategory.EMPLOYED, "0.00", "0.00"),
    (EmploymentCategory.EMPLOYED, "3000.00", "15.00"),
    (EmploymentCategory.EMPLOYED, "3000.01", "30.00"),
    (EmploymentCategory.EMPLOYED, "5000.00", "50.00"),
    (EmploymentCategory.EMPLOYED, "5000.01", "75.00"),
    (EmploymentCategory.EMPLOYED, "10000.00", "150.00"),
    # 10000.01 × 2 % = 200.0002, which rounds to 200.00 (not 200.02)
    (EmploymentCategory.EMPLOYED, "10000.01", "200.00"),
    (EmploymentCategory.EMPLOYED, "10025.00", "200.50"),
    (EmploymentCategory.RETIRED, "5000.00", "25.00"),
    (EmploymentCategory.RETIRED, "5000.01", "50.00"),
    (EmploymentCategory.STUDENT, None, "0.20"),
    (EmploymentCategory.FARMER, "2000.00", "0.20"),
    (EmploymentCategory.UNEMPLOYED, None, "0.20"),
    (EmploymentCategory.RELIEF, None, "0.20"),
    (EmploymentCategory.MINIMUM_ALLOWANCE, "800.00", "0.20"),
]


@pytest.mark.parametrize(("category", "income", "expected"), EDGES)
def test_expected_amount_at_each_bracket_edge(category, income, expected):
    income = None if income is None else D(income)
    assert expected_amount(category, income, RATES) == D(expected)


@pytest.mark.parametrize(("category", "income", "expected"), EDGES)
def test_the_rates_loaded_after_migrate_give_the_same_amounts(db, category, income, expected):
    income = None if income is None else D(income)
    assert expected_amount(category, income, list(DuesRate.objects.all())) == D(expected)


def test_the_bracket_of_3000_is_the_half_percent_one_and_of_3000_01_the_one_percent_one():
    assert bracket_for(EmploymentCategory.EMPLOYED, D("3000.00"), RATES).percent == D("0.5")
    assert bracket_for(EmploymentCategory.EMPLOYED, D("3000.01"), RATES).percent == D("1")


def test_students_farmers_and_unemployed_pay_a_fixed_amount_and_need_no_income():
    assert is_fixed_category(EmploymentCategory.STUDENT, RATES)
    assert is_fixed_category(EmploymentCategory.FARMER, RATES)
    assert is_fixed_category(EmploymentCategory.UNEMPLOYED, RATES)
    assert is_fixed_category(EmploymentCategory.RELIEF, RATES)
    assert is_fixed_category(EmploymentCategory.MINIMUM_ALLOWANCE, RATES)
    assert not is_fixed_category(EmploymentCategory.EMPLOYED, RATES)
    assert not is_fixed_category(EmploymentCategory.RETIRED, RATES)


def test_month_arithmetic_crosses_years_and_ends_on_the_last_day():
    assert add_months(datetime.date(2025, 11, 1), 3) == datetime.date(2026, 2, 1)
    assert add_months(datetime.date(2025, 1, 1), -1) == datetime.date(2024, 12, 1)
    assert month_end(datetime.date(2024, 2, 1)) == datetime.date(2024, 2, 29)


def test_the_make_up_window_of_a_month_ends_with_month_m_plus_6():
    assert make_up_deadline(datetime.date(2025, 1, 1), 6) == datetime.date(2025, 7, 31)
    assert make_up_deadline(datetime.date(2025, 8, 1), 6) == datetime.date(2026, 2, 28)


FIXED_0_2 = [
    EmploymentCategory.STUDENT,
    EmploymentCategory.UNEMPLOYED,
    EmploymentCategory.RELIEF,
    EmploymentCategory.MINIMUM_ALLOWANCE,
]


@pytest.mark.parametrize("category", FIXED_0_2)
def test_article_6_gives_0_2_yuan_and_no_range_to_students_the_unemployed_and_relief(db, category):
    for rates in (RATES, list(DuesRate.objects.all())):
        rate = bracket_for(category, None, rates)
        assert (rate.fixed_min, rate.fixed_max) == (D("0.2"), D("0.2"))


def test_article_6_keeps_the_range_of_0_2_to_1_yuan_for_farmers(db):
    rate = bracket_for(EmploymentCategory.FARMER, None, list(DuesRate.objects.all()))
    assert (rate.fixed_min, rate.fixed_max) == (D("0.2"), D("1"))


def _migration():
    return importlib.import_module("members.migrations.0005_dues_for_relief_and_minimum_allowance")


def test_the_migration_corrects_the_old_default_rows_and_adds_the_missing_categories(db):
    DuesRate.objects.filter(category__in=FIXED_0_2).delete()
    old = {"income_above": D("0"), "percent": None, "fixed_min": D("0.2"), "fixed_max": D("1")}
    DuesRate.objects.create(category=EmploymentCategory.STUDENT, **old)
    DuesRate.objects.create(category=EmploymentCategory.UNEMPLOYED, **old)
    # a row an admin changed stays as the admin left it
    DuesRate.objects.filter(category=EmploymentCategory.FARMER).update(fixed_max=D("2"))

    _migration().correct_rates(django_apps, None)

    table = {
        rate.category: (rate.fixed_min, rate.fixed_max)
        for rate in DuesRate.objects.filter(percent__isnull=True)
    }
    assert table == {
        EmploymentCategory.FARMER: (D("0.2"), D("2")),
        **{category: (D("0.2"), D("0.2")) for category in FIXED_0_2},
    }
    _migration().restore_rates(django_apps, None)
    assert set(
        DuesRate.objects.filter(percent__isnull=True).values_list("category", "fixed_max")
    ) == {
        (EmploymentCategory.FARMER, D("2")),
        (EmploymentCategory.STUDENT, D("1")),
        (EmploymentCategory.UNEMPLOYED, D("1")),
    }

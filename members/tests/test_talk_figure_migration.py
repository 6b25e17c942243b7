"""The talk with an applicant is a rule figure in calendar months: the migration turns an
existing figure in days into months."""

import importlib

import pytest
from django.apps import apps

from members import rules
from policies.models import Policy
from policies.registry import value

migration = importlib.import_module("members.migrations.0006_talk_within_calendar_months")


@pytest.mark.parametrize(("days", "months"), [(30, 1), (14, 1), (60, 2), (75, 2)])
def test_a_figure_in_days_becomes_whole_months(db, days, months):
    Policy.objects.filter(key=rules.TALK_WITHIN_MONTHS.key).delete()
    Policy.objects.create(key="development.talk_within_days", value=days)
    migration.days_to_months(apps, None)
    assert value(rules.TALK_WITHIN_MONTHS) == months
    assert not Policy.objects.filter(key="development.talk_within_days").exists()


def test_the_default_is_one_month(db):
    assert rules.TALK_WITHIN_MONTHS.default == 1
    assert value(rules.TALK_WITHIN_MONTHS) == 1

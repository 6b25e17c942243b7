"""Dues in the admin: the rate table belongs to the system administrator; records are scoped."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse

from members.models import DuesRate, DuesRecord
from members.tests.factories import MemberFactory


@pytest.fixture(autouse=True)
def _mid_june(time_machine):
    time_machine.move_to("2025-06-15 09:00 +08:00")


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def rate_data(rate, **changes):
    data = {
        "category": rate.category,
        "income_above": rate.income_above,
        "income_up_to": rate.income_up_to or "",
        "percent": rate.percent or "",
        "fixed_min": rate.fixed_min or "",
        "fixed_max": rate.fixed_max or "",
    }
    data.update(changes)
    return data


def test_a_secretary_sees_the_rate_table_but_cannot_change_it(client, world, secretary_a):
    rate = DuesRate.objects.get(category="employed", income_above=D("3000"))
    client.force_login(secretary_a)
    assert client.get(reverse("admin:members_duesrate_changelist")).status_code == 200
    response = client.get(change_url(rate))
    assert response.status_code == 200 and not response.context["has_change_permission"]
    response = client.post(change_url(rate), rate_data(rate, percent="5"))
    assert response.status_code == 403
    rate.refresh_from_db()
    assert rate.percent == D("1")
    assert client.get(reverse("admin:members_duesrate_add")).status_code == 403


def test_the_system_administrator_changes_a_rate(client, world, superuser):
    rate = DuesRate.objects.get(category="employed", income_above=D("3000"))
    client.force_login(superuser)
    response = client.post(change_url(rate), rate_data(rate, percent="1.2"))
    assert response.status_code == 302
    rate.refresh_from_db()
    assert rate.percent == D("1.2")


def test_another_branchs_dues_record_is_a_404_in_the_admin(client, world, secretary_b):
    record = DuesRecord.objects.create(
        member=MemberFactory(organization=world.branch_a),
        month=datetime.date(2025, 6, 1),
        category="employed",
        income=D("4000"),
        expected=D("40"),
    )
    client.force_login(secretary_b)
    assert client.get(change_url(record)).status_code == 404
    listed = client.get(reverse("admin:members_duesrecord_changelist")).context["cl"].queryset
    assert not listed.exists()


def test_changing_the_income_in_the_admin_recomputes_the_amount_due(client, world, secretary_a):
    record = DuesRecord.objects.create(
        member=MemberFactory(organization=world.branch_a),
        month=datetime.date(2025, 6, 1),
        category="employed",
        income=None,
        expected=D("0"),
    )
    client.force_login(secretary_a)
    data = {"income": "5000.00", "payments-TOTAL_FORMS": "0", "payments-INITIAL_FORMS": "0"}
    response = client.post(change_url(record), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    record.refresh_from_db()
    assert record.expected == D("50.00")

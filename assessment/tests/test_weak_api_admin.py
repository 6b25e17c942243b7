"""Weak-organization flags over the API (scoped, with reasons and plan measures, conforming to
the schema, the same queries for two flags as for seven) and in the admin (street staff edit
their street's criteria, a secretary reads only their branch's flags)."""

import pytest
from django.urls import reverse

from assessment.models import FlagState, RectificationItem, RectificationPlan, WeakCriteria
from assessment.tests.support.api import assert_conforms, queries_of
from assessment.tests.support.weak import D, flag_of
from organizations.tests.factories import branch

pytestmark = pytest.mark.django_db
FLAGS = "/api/assessment-weak-flags/"


def _with_plan(flag, user):
    plan = RectificationPlan.objects.create(
        flag=flag, summary="整顿", created_by=user, created_at=flag.flagged_at
    )
    RectificationItem.objects.create(
        plan=plan, text="补选书记", owner_name="王五", deadline=D(2026, 12, 1)
    )


def test_a_secretary_reads_their_branchs_flag_with_reasons_and_measures(
    client, world, secretary_a, street_staff
):
    flag = flag_of(world.branch_a, world.street_committee1, state=FlagState.CONFIRMED)
    _with_plan(flag, street_staff)
    other = flag_of(world.branch_b, world.street_committee1)
    client.force_login(secretary_a)
    response = client.get(FLAGS)
    assert_conforms(response, FLAGS)
    rows = response.json()["results"]
    assert [row["organization_name"] for row in rows] == ["A支部"]
    row = rows[0]
    assert row["reasons"][0]["code"] == "few_full_members"
    assert row["reasons"][0]["figures"] == {"full": 1, "minimum": 3}
    assert row["plan_items"][0]["text"] == "补选书记" and row["state"] == "confirmed"
    detail = client.get(f"{FLAGS}{flag.pk}/")
    assert_conforms(detail, f"{FLAGS}{{id}}/")
    assert client.get(f"{FLAGS}{other.pk}/").status_code == 404


def test_filter_by_state_and_a_fixed_query_count(client, world, street_staff):
    street = world.street_committee1
    _with_plan(flag_of(world.branch_a, street, state=FlagState.CONFIRMED), street_staff)
    flag_of(world.branch_b, street)
    client.force_login(street_staff)
    assert [
        r["organization_name"] for r in client.get(FLAGS + "?state=flagged").json()["results"]
    ] == ["B支部"]
    assert client.get(FLAGS + "?state=nonsense").status_code == 400
    two = queries_of(client, FLAGS)
    for n in range(5):
        flag = flag_of(
            branch(world.community1, name=f"新支部{n}"), street, state=FlagState.CONFIRMED
        )
        _with_plan(flag, street_staff)
    assert queries_of(client, FLAGS) == two


def test_street_staff_edit_their_criteria_in_the_admin(client, world, street_staff):
    criteria = WeakCriteria.objects.create(organization=world.street_committee1)
    client.force_login(street_staff)
    url = reverse("admin:assessment_weakcriteria_change", args=[criteria.pk])
    assert client.get(url).status_code == 200
    data = {
        "organization": world.street_committee1.pk,
        "check_secretary": "on",
        "months_without_secretary": 0,
        "check_meetings": "on",
        "quarters_of_missing_meetings": 1,
        "check_members": "on",
        "min_full_members": 3,
        "years_last_in_community": 2,
    }
    response = client.post(url, data)
    assert response.status_code == 200  # refused: at least 1
    data["months_without_secretary"] = 4
    assert client.post(url, data).status_code == 302
    criteria.refresh_from_db()
    assert (criteria.months_without_secretary, criteria.check_results) == (4, False)


def test_a_secretary_reads_only_their_flags_in_the_admin(client, world, secretary_a):
    mine = flag_of(world.branch_a, world.street_committee1)
    other = flag_of(world.branch_b, world.street_committee1)
    client.force_login(secretary_a)
    html = client.get(reverse("admin:assessment_weakflag_changelist")).content.decode()
    assert "A支部" in html and "B支部" not in html
    assert (
        client.get(reverse("admin:assessment_weakflag_change", args=[mine.pk])).status_code == 200
    )
    assert (
        client.get(reverse("admin:assessment_weakflag_change", args=[other.pk])).status_code == 404
    )

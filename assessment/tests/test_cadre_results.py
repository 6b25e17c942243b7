"""The cadres' results of a scheme that ranks them: one per person and committee post held in
an assessed organization during the period, with that organization's total, ranked among the
cadres (ties share a rank); none for a scheme that does not rank them; frozen at publication."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import UserFactory
from assessment.models import CadreResult, Scheme
from assessment.services.results import results_compute, scheme_publish
from assessment.tests.support.pages import TODAY, ranked_scheme
from organizations.models import Role
from organizations.tests.factories import PostFactory, branch


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY, tick=False)


def _post(organization, name, role=Role.SECRETARY, **dates):
    user = UserFactory(full_name=name)
    return PostFactory(user=user, organization=organization, role=role, **dates)


@pytest.fixture
def ranked(world, fake_metric, street_staff):
    """A 90, B 90, C 60 (优秀, 优秀, 一般), ranking the cadres."""
    scheme = ranked_scheme(world, street_staff)[0]
    Scheme.objects.filter(pk=scheme.pk).update(rank_cadres=True)
    scheme.refresh_from_db()
    return scheme


def _rows(scheme):
    return [
        (r.rank, r.name, r.role, r.organization.name, str(r.total), r.grade)
        for r in CadreResult.objects.filter(scheme=scheme).order_by("rank", "name")
    ]


def test_each_cadre_gets_the_total_of_the_organization_served(ranked, world):
    _post(world.branch_a, "甲书记")
    _post(world.branch_a, "甲委员", Role.ORGANIZATION_MEMBER)
    _post(world.branch_c, "丙书记")
    results_compute(scheme=ranked)
    assert _rows(ranked) == [
        (1, "甲书记", Role.SECRETARY, "A支部", "90.00", "优秀"),
        (1, "甲委员", Role.ORGANIZATION_MEMBER, "A支部", "90.00", "优秀"),
        (3, "丙书记", Role.SECRETARY, "C支部", "60.00", "一般"),
    ]


def test_posts_held_on_a_day_of_the_period_count_and_others_do_not(ranked, world):
    # the period is 2026; the boundaries on both sides
    _post(world.branch_a, "年末上任", started_on=datetime.date(2026, 12, 31))
    _post(world.branch_a, "次年上任", Role.DEPUTY_SECRETARY, started_on=datetime.date(2027, 1, 1))
    _post(
        world.branch_b,
        "年初离任",
        started_on=datetime.date(2024, 1, 1),
        ended_on=datetime.date(2026, 1, 1),
    )
    _post(
        world.branch_b,
        "上年离任",
        role=Role.DEPUTY_SECRETARY,
        started_on=datetime.date(2024, 1, 1),
        ended_on=datetime.date(2025, 12, 31),
    )
    _post(world.branch_c, "工作人员", Role.STAFF)  # staff are no cadres
    results_compute(scheme=ranked)
    assert [row[1] for row in _rows(ranked)] == ["年初离任", "年末上任"]


def test_a_post_held_twice_in_the_period_counts_once(ranked, world):
    first = _post(
        world.branch_a,
        "两任书记",
        started_on=datetime.date(2024, 1, 1),
        ended_on=datetime.date(2026, 3, 31),
    )
    PostFactory(user=first.user, organization=world.branch_a, started_on=datetime.date(2026, 6, 1))
    results_compute(scheme=ranked)
    assert [row[1] for row in _rows(ranked)] == ["两任书记"]


def test_a_scheme_that_does_not_rank_cadres_has_none(ranked, world):
    _post(world.branch_a, "甲书记")
    Scheme.objects.filter(pk=ranked.pk).update(rank_cadres=False)
    ranked.refresh_from_db()
    results_compute(scheme=ranked)
    assert not CadreResult.objects.filter(scheme=ranked).exists()


def test_published_cadre_results_stay_as_they_were(ranked, world, street_staff):
    secretary = _post(world.branch_a, "甲书记")
    scheme_publish(user=street_staff, scheme=ranked)
    secretary.user.full_name = "改名"
    secretary.user.save()
    _post(world.branch_b, "后来的书记")
    assert [row[1] for row in _rows(ranked)] == ["甲书记"]


def test_the_queries_do_not_grow_with_the_cadres(ranked, world):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            results_compute(scheme=ranked)
        return len(queries)

    _post(world.branch_a, "甲书记")
    few = count()
    for i in range(4):
        extra = branch(world.community1, name=f"新{i}支部")
        _post(extra, f"新{i}书记")
        _post(extra, f"新{i}委员", Role.COMMITTEE_MEMBER)
    assert count() == few
    assert CadreResult.objects.filter(scheme=ranked).count() == 9


def test_the_ranking_page_and_export_show_the_cadres_in_scope(
    client, ranked, world, street_staff, secretary_a
):
    _post(world.branch_b, "乙书记")
    results_compute(scheme=ranked)
    client.force_login(street_staff)
    body = client.get(reverse("assessment:ranking", args=[ranked.pk])).content.decode()
    assert body.count('data-testid="cadre-row"') == 2  # secretary_a and 乙书记
    client.force_login(secretary_a)
    body = client.get(reverse("assessment:ranking", args=[ranked.pk])).content.decode()
    assert body.count('data-testid="cadre-row"') == 1 and "乙书记" not in body
    export = client.get(reverse("assessment:ranking_export", args=[ranked.pk]))
    assert export.status_code == 200


def test_the_api_gives_the_cadres_in_scope(client, ranked, world, secretary_a):
    _post(world.branch_b, "乙书记")
    results_compute(scheme=ranked)
    client.force_login(secretary_a)
    rows = client.get("/api/assessment-cadre-results/", {"scheme": ranked.pk}).json()["results"]
    assert [(row["organization_name"], row["role"]) for row in rows] == [("A支部", "secretary")]

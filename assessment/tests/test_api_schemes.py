"""The schemes API: the schemes of the user's streets with their setup (the metric's label and
definition in the user's language), another street's scheme a 404, and publishing through the
service (unfinished sheets named under ``confirm``, a 403 for who does not manage the street)."""

import pytest
from django.utils import translation
from django.utils.translation import pgettext

from assessment.models import Category, IndicatorKind, Result, SchemeState
from assessment.tests.support.api import SCHEMES, assert_conforms, post_json, queries_of
from assessment.tests.support.schemes import add_bands, add_indicator, give_score, make_scheme


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2027-01-10 10:00 +08:00", tick=False)


@pytest.fixture
def scheme(world, street_staff):
    """Street 1's scheme: meetings (computed, 60) and work (reviewed by street staff, 40)."""
    scheme = make_scheme(world.street_committee1)
    add_indicator(
        scheme, "三会一课", weight=60, kind=IndicatorKind.COMPUTED, metric="meetings_held"
    )
    add_indicator(
        scheme,
        "工作实绩",
        weight=40,
        kind=IndicatorKind.REVIEWED,
        reviewers=[street_staff],
        category=Category.objects.create(scheme=scheme, name="工作成效", order=2),
    )
    add_bands(scheme)
    return scheme


@pytest.fixture
def other_scheme(world):
    scheme = make_scheme(world.street_committee2, name="二街道2026年度党支部考核")
    add_indicator(scheme, "二街道指标", weight=100)
    add_bands(scheme)
    return scheme


def _detail(scheme) -> str:
    return f"{SCHEMES}{scheme.pk}/"


def test_a_secretary_reads_their_streets_schemes_and_not_another_streets(
    client, secretary_a, scheme, other_scheme
):
    client.force_login(secretary_a)

    listed = client.get(SCHEMES)

    assert [row["id"] for row in listed.json()["results"]] == [scheme.pk]
    assert client.get(_detail(other_scheme)).status_code == 404
    assert_conforms(listed, SCHEMES)


def test_staff_of_the_other_street_read_only_their_own(
    client, other_street_staff, scheme, other_scheme
):
    client.force_login(other_street_staff)

    listed = client.get(SCHEMES)

    assert [row["id"] for row in listed.json()["results"]] == [other_scheme.pk]
    assert client.get(_detail(scheme)).status_code == 404


def test_a_scheme_shows_its_categories_indicators_and_grade_bands(client, street_staff, scheme):
    client.force_login(street_staff)

    response = client.get(_detail(scheme))

    body = response.json()
    assert [c["name"] for c in body["categories"]] == ["基本工作", "工作成效"]
    assert [
        (i["name"], i["kind"], i["metric"], i["weight"], i["max_score"], i["is_reviewer"])
        for i in body["indicators"]
    ] == [
        ("三会一课", "computed", "meetings_held", "60.00", "60.00", False),
        ("工作实绩", "reviewed", "", "40.00", "40.00", True),
    ]
    assert [(b["name"], b["min_total"], b["incentive"]) for b in body["grade_bands"]] == [
        ("优秀", "90.00", "1.20"),
        ("良好", "80.00", "1.10"),
        ("一般", "60.00", "1.00"),
        ("较差", "0.00", "0.80"),
    ]
    assert (body["state"], body["actions"]) == ("open", ["publish"])
    assert_conforms(response, f"{SCHEMES}{{id}}/")


def test_a_computed_indicator_carries_its_metrics_label_and_definition_translated(
    client, street_staff, scheme
):
    client.force_login(street_staff)

    computed, reviewed = client.get(_detail(scheme)).json()["indicators"]

    with translation.override("zh-hans"):
        label = pgettext("assessment metric", "Required meetings held")
    assert label != "Required meetings held"
    assert (computed["metric_label"], computed["metric_unit"]) == (label, "share")
    assert computed["metric_definition"]
    assert (reviewed["metric_label"], reviewed["metric_definition"]) == (None, None)


def test_in_english_the_metric_reads_in_english(client, street_staff, scheme, english):
    client.force_login(street_staff)

    computed = client.get(_detail(scheme)).json()["indicators"][0]

    assert computed["metric_label"] == "Required meetings held"
    assert computed["metric_definition"].startswith("Share of the required meetings")


def test_a_secretary_is_offered_no_action(client, secretary_a, scheme):
    client.force_login(secretary_a)

    assert client.get(_detail(scheme)).json()["actions"] == []


def test_publishing_with_unfinished_sheets_names_them_and_saves_nothing(
    client, street_staff, scheme, world
):
    client.force_login(street_staff)

    response = post_json(client, f"{_detail(scheme)}publish/", {})

    assert response.status_code == 400
    message = response.json()["confirm"][0]
    assert "A支部" in message and "C支部" in message and "工作实绩" in message
    scheme.refresh_from_db()
    assert scheme.state == SchemeState.OPEN and scheme.published_at is None
    assert not Result.objects.exists()
    assert_conforms(response, f"{SCHEMES}{{id}}/publish/", "POST")


def test_publishing_with_the_confirmation_publishes_the_results(client, street_staff, scheme):
    client.force_login(street_staff)

    response = post_json(client, f"{_detail(scheme)}publish/", {"confirm": True})

    assert response.status_code == 200
    body = response.json()
    assert (body["state"], body["actions"]) == ("published", [])
    assert body["published_at"] and body["computed_at"]
    assert Result.objects.filter(scheme=scheme).count() == 3  # branches A, B and C
    assert_conforms(response, f"{SCHEMES}{{id}}/publish/", "POST")


def test_finished_sheets_publish_without_the_confirmation(client, street_staff, scheme, world):
    for organization in (world.branch_a, world.branch_b, world.branch_c):
        for indicator in scheme.indicators.all():
            give_score(scheme, organization, indicator, 30)
    client.force_login(street_staff)

    response = post_json(client, f"{_detail(scheme)}publish/", {"confirm": False})

    assert response.status_code == 200
    assert response.json()["state"] == "published"


def test_a_secretary_may_not_publish(client, secretary_a, scheme):
    client.force_login(secretary_a)

    response = post_json(client, f"{_detail(scheme)}publish/", {"confirm": True})

    assert response.status_code == 403
    scheme.refresh_from_db()
    assert scheme.state == SchemeState.OPEN
    assert not Result.objects.exists()


def test_another_streets_scheme_is_not_found_to_publish(client, other_street_staff, scheme):
    client.force_login(other_street_staff)

    response = post_json(client, f"{_detail(scheme)}publish/", {"confirm": True})

    assert response.status_code == 404
    scheme.refresh_from_db()
    assert scheme.state == SchemeState.OPEN


def test_a_draft_scheme_is_not_published(client, street_staff, world):
    draft = make_scheme(world.street_committee1, state=SchemeState.DRAFT)
    client.force_login(street_staff)

    response = post_json(client, f"{_detail(draft)}publish/", {"confirm": True})

    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    draft.refresh_from_db()
    assert draft.state == SchemeState.DRAFT


def test_a_confirmation_that_is_not_a_boolean_is_a_400_naming_it(client, street_staff, scheme):
    client.force_login(street_staff)

    response = post_json(client, f"{_detail(scheme)}publish/", {"confirm": "perhaps"})

    assert response.status_code == 400
    assert "confirm" in response.json()


def _scheme_of_year(world, year, reviewer):
    scheme = make_scheme(
        world.street_committee1,
        name=f"{year}年度考核",
        starts_on=f"{year}-01-01",
        ends_on=f"{year}-12-31",
        scoring_deadline=f"{year + 1}-01-15",
    )
    add_indicator(scheme, "工作实绩", weight=40, reviewers=[reviewer])
    add_indicator(scheme, "三会一课", weight=60, kind=IndicatorKind.COMPUTED, metric="attendance")
    add_bands(scheme)
    return scheme


def test_the_list_reads_as_many_queries_for_one_scheme_as_for_three(client, street_staff, world):
    client.force_login(street_staff)
    _scheme_of_year(world, 2026, street_staff)
    client.get(SCHEMES)  # the user's scope, read once per session
    one = queries_of(client, SCHEMES)

    _scheme_of_year(world, 2025, street_staff)
    _scheme_of_year(world, 2024, street_staff)
    three = queries_of(client, SCHEMES)

    assert len(client.get(SCHEMES).json()["results"]) == 3
    assert three == one

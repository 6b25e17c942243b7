"""The scores API: the scores of the organizations in the user's scope (a computed one with the
trace to its records), and a reviewer's POST through the score service: a value above the
maximum, a missing reason, a sheet locked by the deadline or the publication, and another
scope's ids are a 400 naming the field, and nothing is saved."""

import pytest

from assessment.models import SchemeState, Score
from assessment.services.computed import computed_scores_fill
from assessment.tests.support.api import SCORES, assert_conforms, post_json, queries_of
from assessment.tests.support.schemes import give_score, standard_scheme
from organizations.tests.factories import branch

# the scheme's deadline is 2027-01-15


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2027-01-10 10:00 +08:00", tick=False)


@pytest.fixture
def sheet(world, fake_metric, street_staff):
    """Street 1's scheme: meetings computed (60), work reviewed by street staff (max 40)."""
    return standard_scheme(world.street_committee1, reviewer=street_staff)


@pytest.fixture
def other_sheet(world, fake_metric, other_street_staff):
    return standard_scheme(world.street_committee2, name="二街道考核", reviewer=other_street_staff)


def _post(client, scheme, organization, indicator, value="30", reason="按时完成各项任务"):
    data = {
        "scheme": scheme.pk,
        "organization": organization.pk,
        "indicator": indicator.pk,
        "value": value,
        "reason": reason,
    }
    return post_json(client, SCORES, data)


def test_a_reviewer_records_a_score_with_its_reason(client, street_staff, sheet, world):
    scheme, _computed, reviewed = sheet
    client.force_login(street_staff)

    response = _post(client, scheme, world.branch_a, reviewed, value="32.5")

    assert response.status_code == 201
    body = response.json()
    assert (body["value"], body["reason"], body["kind"], body["scored_by"]) == (
        "32.50",
        "按时完成各项任务",
        "reviewed",
        street_staff.pk,
    )
    score = Score.objects.get()
    assert (score.value, score.scored_by) == (32.5, street_staff)
    assert_conforms(response, SCORES, "POST")


def test_recording_again_changes_the_score(client, street_staff, sheet, world):
    scheme, _computed, reviewed = sheet
    client.force_login(street_staff)
    first = _post(client, scheme, world.branch_a, reviewed, value="30").json()

    again = _post(client, scheme, world.branch_a, reviewed, value="35", reason="复核后调整")

    assert again.json()["id"] == first["id"]
    assert (Score.objects.get().value, Score.objects.get().reason) == (35, "复核后调整")


@pytest.mark.parametrize(("value", "status"), [("40", 201), ("40.01", 400), ("0", 201)])
def test_the_maximum_score_is_allowed_and_one_cent_above_is_not(
    client, street_staff, sheet, world, value, status
):
    scheme, _computed, reviewed = sheet
    client.force_login(street_staff)

    response = _post(client, scheme, world.branch_a, reviewed, value=value)

    assert response.status_code == status
    if status == 400:
        assert "工作实绩" in response.json()["value"][0]
        assert not Score.objects.exists()


@pytest.mark.parametrize("value", ["-0.01", "abc", "12.345"])
def test_a_value_that_is_not_a_score_is_a_400_naming_it(client, street_staff, sheet, world, value):
    scheme, _computed, reviewed = sheet
    client.force_login(street_staff)

    response = _post(client, scheme, world.branch_a, reviewed, value=value)

    assert response.status_code == 400
    assert "value" in response.json()
    assert not Score.objects.exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_score_without_a_reason_is_a_400_naming_it(client, street_staff, sheet, world, reason):
    scheme, _computed, reviewed = sheet
    client.force_login(street_staff)

    response = _post(client, scheme, world.branch_a, reviewed, reason=reason)

    assert response.status_code == 400
    assert "reason" in response.json()
    assert not Score.objects.exists()
    assert_conforms(response, SCORES, "POST")


@pytest.mark.parametrize(
    ("moment", "status"), [("2027-01-15 23:59", 201), ("2027-01-16 00:00", 400)]
)
def test_the_sheet_locks_after_the_deadline_day(
    client, street_staff, sheet, world, time_machine, moment, status
):
    scheme, _computed, reviewed = sheet
    time_machine.move_to(f"{moment} +08:00", tick=False)
    client.force_login(street_staff)

    response = _post(client, scheme, world.branch_a, reviewed)

    assert response.status_code == status
    if status == 400:
        assert "2027-01-15" in response.json()["non_field_errors"][0]
        assert not Score.objects.exists()


def test_the_sheet_locks_on_publication(client, street_staff, sheet, world):
    scheme, _computed, reviewed = sheet
    score = give_score(scheme, world.branch_a, reviewed, 30)
    scheme.state = SchemeState.PUBLISHED
    scheme.save(update_fields=["state"])
    client.force_login(street_staff)

    response = _post(client, scheme, world.branch_a, reviewed, value="40")

    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    score.refresh_from_db()
    assert score.value == 30


def test_another_streets_organization_is_a_400_naming_it(client, street_staff, sheet, world):
    scheme, _computed, reviewed = sheet
    client.force_login(street_staff)

    response = _post(client, scheme, world.branch_d, reviewed)

    assert response.status_code == 400
    assert list(response.json()) == ["organization"]
    assert "D支部" not in response.content.decode()
    assert not Score.objects.exists()


def test_another_streets_scheme_and_indicator_are_a_400_naming_them(
    client, street_staff, sheet, other_sheet, world
):
    scheme, _computed, reviewed = sheet
    other, _other_computed, other_reviewed = other_sheet
    client.force_login(street_staff)

    their_scheme = _post(client, other, world.branch_a, other_reviewed)
    their_indicator = _post(client, scheme, world.branch_a, other_reviewed)

    assert list(their_scheme.json()) == ["scheme"]
    assert list(their_indicator.json()) == ["indicator"]
    assert other_reviewed.name not in their_indicator.content.decode()
    assert not Score.objects.exists()


def test_a_computed_indicator_is_not_scored_by_hand(client, street_staff, sheet, world):
    scheme, computed, _reviewed = sheet
    client.force_login(street_staff)

    response = _post(client, scheme, world.branch_a, computed)

    assert response.status_code == 400
    assert "indicator" in response.json()
    assert not Score.objects.exists()


def test_who_is_not_a_reviewer_of_the_indicator_may_not_score_it(client, secretary_a, sheet, world):
    scheme, _computed, reviewed = sheet
    client.force_login(secretary_a)

    response = _post(client, scheme, world.branch_a, reviewed)

    assert response.status_code == 400
    assert "indicator" in response.json()
    assert not Score.objects.exists()


def test_a_community_reviewer_scores_its_branches_of_the_streets_scheme(
    client, community_staff, sheet, world
):
    scheme, _computed, reviewed = sheet
    reviewed.reviewers.add(community_staff)
    client.force_login(community_staff)

    ours = _post(client, scheme, world.branch_a, reviewed)
    other_community = _post(client, scheme, world.branch_c, reviewed)

    assert ours.status_code == 201
    assert list(other_community.json()) == ["organization"]
    assert list(Score.objects.values_list("organization", flat=True)) == [world.branch_a.pk]


def test_a_secretary_reads_only_their_own_organizations_scores(client, secretary_a, sheet, world):
    scheme, _computed, reviewed = sheet
    for organization in (world.branch_a, world.branch_b, world.branch_c):
        give_score(scheme, organization, reviewed, 30, reason=f"{organization.name}的理由")
    client.force_login(secretary_a)

    response = client.get(SCORES)
    filtered = client.get(SCORES, {"organization": world.branch_b.pk})

    assert [r["reason"] for r in response.json()["results"]] == ["A支部的理由"]
    assert filtered.json()["results"] == []
    assert "B支部" not in response.content.decode() + filtered.content.decode()


def test_a_computed_score_links_to_its_records(client, street_staff, sheet, world, fake_metric):
    scheme, _computed, reviewed = sheet
    fake_metric.values = {world.branch_a.pk: "0.75"}
    computed_scores_fill(scheme=scheme)
    give_score(scheme, world.branch_a, reviewed, 30)
    client.force_login(street_staff)

    response = client.get(SCORES, {"scheme": scheme.pk, "organization": world.branch_a.pk})

    computed, by_hand = response.json()["results"]
    # 0.75 of the target 1: 45 of 60
    assert (computed["value"], computed["numerator"], computed["denominator"]) == (
        "45.00",
        "7.5000",
        "10.0000",
    )
    assert (computed["records"], computed["kind"], computed["reason"]) == (
        f"/records/{world.branch_a.pk}/",
        "computed",
        "",
    )
    assert (by_hand["numerator"], by_hand["records"], by_hand["kind"]) == (None, "", "reviewed")
    assert_conforms(response, SCORES)


def test_the_list_reads_as_many_queries_for_three_organizations_as_for_six(
    client, street_staff, sheet, world, fake_metric
):
    scheme, _computed, reviewed = sheet
    client.force_login(street_staff)

    def fill():
        for organization in scheme.organization.descendants().filter(kind="branch"):
            fake_metric.values[organization.pk] = "0.5"
            give_score(scheme, organization, reviewed, 30, reason="按台账")
        computed_scores_fill(scheme=scheme)

    fill()
    client.get(SCORES)  # the user's scope, read once per session
    three = queries_of(client, SCORES)
    Score.objects.all().delete()
    for name in ("E支部", "F支部", "G支部"):
        branch(world.community2, name=name)
    fill()
    six = queries_of(client, SCORES)

    assert client.get(SCORES).json()["count"] == 12  # two scores each
    assert six == three

"""Reviewed scores: who may score what, the value and the reason, the lock at the deadline and
on publication, and a superuser's change after publication."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessment.models import Result, SchemeState, Score, ScoreChange
from assessment.services.results import results_compute, scheme_publish
from assessment.services.scores import score_change_after_publication, score_record
from assessment.tests.support.schemes import give_score, standard_scheme

# the scheme's deadline is 2027-01-15


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2027-01-10 10:00 +08:00", tick=False)


@pytest.fixture
def sheet(world, fake_metric, street_staff):
    scheme, computed, reviewed = standard_scheme(world.street_committee1, reviewer=street_staff)
    return scheme, computed, reviewed


def _record(user, indicator, organization, value="30", reason="按时完成各项任务"):
    return score_record(
        user=user, indicator=indicator, organization=organization, value=value, reason=reason
    )


def test_a_reviewer_scores_an_assigned_indicator_with_a_reason(sheet, street_staff, world):
    scheme, _computed, reviewed = sheet
    score = _record(street_staff, reviewed, world.branch_a, value="32.5")
    assert (score.value, score.reason, score.scored_by) == (
        Decimal("32.5"),
        "按时完成各项任务",
        street_staff,
    )
    again = _record(street_staff, reviewed, world.branch_a, value="35", reason="复核后调整")
    assert again.pk == score.pk and Score.objects.get().value == 35


def test_someone_not_assigned_to_the_indicator_may_not_score_it(sheet, community_staff, world):
    _scheme, _computed, reviewed = sheet
    with pytest.raises(ValidationError) as error:
        _record(community_staff, reviewed, world.branch_a)
    assert "indicator" in error.value.message_dict
    assert not Score.objects.exists()


def test_a_reviewer_scores_only_organizations_in_their_scope(sheet, community_staff, world):
    _scheme, _computed, reviewed = sheet
    reviewed.reviewers.add(community_staff)
    _record(community_staff, reviewed, world.branch_a)
    with pytest.raises(ValidationError) as error:
        _record(community_staff, reviewed, world.branch_c)
    assert "organization" in error.value.message_dict
    assert Score.objects.count() == 1


@pytest.mark.parametrize(
    ("value", "accepted"),
    [("0", True), ("40", True), ("40.01", False), ("-0.01", False), ("12.345", False)],
)
def test_a_score_lies_between_0_and_the_maximum(sheet, street_staff, world, value, accepted):
    _scheme, _computed, reviewed = sheet
    if accepted:
        assert _record(street_staff, reviewed, world.branch_a, value=value).value == Decimal(value)
        return
    with pytest.raises(ValidationError) as error:
        _record(street_staff, reviewed, world.branch_a, value=value)
    assert list(error.value.message_dict) == ["value"]
    assert not Score.objects.exists()


def test_a_score_above_the_maximum_names_the_indicator_and_the_maximum(
    sheet, street_staff, world, english
):
    _scheme, _computed, reviewed = sheet
    with pytest.raises(ValidationError) as error:
        _record(street_staff, reviewed, world.branch_a, value="41")
    assert error.value.message_dict == {
        "value": ["The score of 工作实绩 must be between 0 and 40."]
    }


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_score_without_a_reason_is_refused(sheet, street_staff, world, reason, english):
    _scheme, _computed, reviewed = sheet
    with pytest.raises(ValidationError) as error:
        _record(street_staff, reviewed, world.branch_a, reason=reason)
    assert error.value.message_dict == {"reason": ["Give the reason for the score."]}
    assert not Score.objects.exists()


def test_scoring_on_the_deadline_is_accepted_and_the_day_after_refused(
    sheet, street_staff, world, time_machine, english
):
    _scheme, _computed, reviewed = sheet
    time_machine.move_to("2027-01-15 23:00 +08:00", tick=False)
    _record(street_staff, reviewed, world.branch_a)
    time_machine.move_to("2027-01-16 00:01 +08:00", tick=False)
    with pytest.raises(ValidationError) as error:
        _record(street_staff, reviewed, world.branch_b)
    assert error.value.messages == ["The score sheets locked after the deadline, 2027-01-15."]
    assert Score.objects.count() == 1


def test_scoring_is_refused_once_published(sheet, street_staff, world, english):
    scheme, _computed, reviewed = sheet
    scheme_publish(user=street_staff, scheme=scheme, confirm=True)
    with pytest.raises(ValidationError) as error:
        _record(street_staff, reviewed, world.branch_a)
    assert "published" in error.value.messages[0]
    assert not Score.objects.exists()


def test_scoring_a_draft_scheme_is_refused(sheet, street_staff, world):
    scheme, _computed, reviewed = sheet
    scheme.state = SchemeState.DRAFT
    scheme.save()
    with pytest.raises(ValidationError):
        _record(street_staff, reviewed, world.branch_a)


def test_a_computed_indicator_is_not_scored_by_hand(sheet, street_staff, world):
    _scheme, computed, _reviewed = sheet
    computed.reviewers.add(street_staff)
    with pytest.raises(ValidationError) as error:
        _record(street_staff, computed, world.branch_a)
    assert "indicator" in error.value.message_dict


@pytest.fixture
def published(sheet, street_staff, world):
    scheme, computed, reviewed = sheet
    for org, value in ((world.branch_a, 30), (world.branch_b, 20), (world.branch_c, 10)):
        give_score(scheme, org, reviewed, value)
        give_score(scheme, org, computed, 60)
    scheme_publish(user=street_staff, scheme=scheme)
    return scheme, Score.objects.get(organization=world.branch_c, indicator=reviewed)


def test_a_superuser_changes_a_published_score_with_a_reason(published, superuser, world):
    scheme, score = published
    assert Result.objects.get(organization=world.branch_c).rank == 3
    change = score_change_after_publication(
        user=superuser, score=score, value="40", reason="复查发现漏计"
    )
    assert (change.old_value, change.new_value, change.reason, change.changed_by) == (
        Decimal("10"),
        Decimal("40"),
        "复查发现漏计",
        superuser,
    )
    result = Result.objects.get(organization=world.branch_c)
    assert (result.total, result.rank, result.grade) == (Decimal("100"), 1, "优秀")
    assert result.frozen[str(score.indicator_id)]["value"] == "40.00"


def test_only_a_superuser_changes_a_published_score(published, street_staff):
    _scheme, score = published
    with pytest.raises(PermissionDenied):
        score_change_after_publication(user=street_staff, score=score, value="40", reason="x")
    assert not ScoreChange.objects.exists()


def test_a_change_after_publication_needs_a_reason_and_saves_nothing_without(
    published, superuser, world
):
    _scheme, score = published
    with pytest.raises(ValidationError) as error:
        score_change_after_publication(user=superuser, score=score, value="40", reason=" ")
    assert "reason" in error.value.message_dict
    assert not ScoreChange.objects.exists()
    assert Score.objects.get(pk=score.pk).value == 10


def test_a_change_before_publication_goes_through_the_sheet(sheet, superuser, world):
    scheme, _computed, reviewed = sheet
    score = give_score(scheme, world.branch_a, reviewed, 10)
    results_compute(scheme=scheme)
    with pytest.raises(ValidationError):
        score_change_after_publication(user=superuser, score=score, value="20", reason="x")

"""Reads: the schemes a user sees, results scoped to the reader, a score sheet with its trace
and the sheets still missing scores."""

import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from assessment.selectors.results import results_for
from assessment.selectors.schemes import assessed_organizations, schemes_for
from assessment.selectors.sheets import score_sheet_for, unfinished_sheets
from assessment.services.results import results_compute
from assessment.tests.support.schemes import give_score, make_scheme, standard_scheme
from organizations.tests.factories import branch


@pytest.fixture
def setup(world, fake_metric, street_staff):
    scheme, computed, reviewed = standard_scheme(world.street_committee1, reviewer=street_staff)
    other = make_scheme(world.street_committee2, name="第二街道考核")
    return scheme, computed, reviewed, other


def test_a_secretary_sees_the_schemes_of_their_street_only(setup, secretary_a):
    scheme, _c, _r, _other = setup
    assert list(schemes_for(secretary_a)) == [scheme]


def test_street_staff_see_their_street_s_schemes_and_a_superuser_all(
    setup, street_staff, other_street_staff, superuser
):
    scheme, _c, _r, other = setup
    assert list(schemes_for(street_staff)) == [scheme]
    assert list(schemes_for(other_street_staff)) == [other]
    assert set(schemes_for(superuser)) == {scheme, other}


def test_the_scheme_assesses_the_branches_of_its_street(setup, world):
    scheme = setup[0]
    assert set(assessed_organizations(scheme)) == {world.branch_a, world.branch_b, world.branch_c}


def test_a_dissolved_branch_is_assessed_only_if_it_existed_in_the_period(setup, world):
    scheme = setup[0]
    gone = branch(world.community1, name="已撤销支部", dissolved_on=datetime.date(2025, 12, 31))
    late = branch(world.community1, name="年末撤销支部", dissolved_on=datetime.date(2026, 1, 1))
    organizations = set(assessed_organizations(scheme))
    assert late in organizations and gone not in organizations


def test_a_secretary_reads_their_own_result_and_street_staff_all(
    setup, world, secretary_a, street_staff, other_street_staff
):
    scheme = setup[0]
    results_compute(scheme=scheme)
    assert [r.organization for r in results_for(secretary_a, scheme)] == [world.branch_a]
    assert {r.organization for r in results_for(street_staff, scheme)} == {
        world.branch_a,
        world.branch_b,
        world.branch_c,
    }
    assert not results_for(other_street_staff, scheme).exists()


def test_a_score_sheet_shows_scores_missing_lines_and_the_trace(setup, world, secretary_a):
    scheme, computed, reviewed, _other = setup
    score = give_score(scheme, world.branch_a, computed, 45)
    score.records, score.numerator, score.denominator = "/activities/compliance/?org=1", 9, 12
    score.save()
    sheet = score_sheet_for(secretary_a, scheme, world.branch_a)
    assert [(row.indicator, row.score) for row in sheet.rows] == [
        (computed, score),
        (reviewed, None),
    ]
    assert sheet.missing == [reviewed] and not sheet.is_finished
    assert sheet.rows[0].score.records == "/activities/compliance/?org=1"


def test_another_branch_s_sheet_is_a_404(setup, world, secretary_a):
    with pytest.raises(Http404):
        score_sheet_for(secretary_a, setup[0], world.branch_b)


def test_a_sheet_of_an_organization_the_scheme_does_not_assess_is_a_404(setup, world, superuser):
    with pytest.raises(Http404):
        score_sheet_for(superuser, setup[0], world.branch_d)


def test_unfinished_sheets_name_each_organization_and_its_missing_indicators(setup, world):
    scheme, computed, reviewed, _other = setup
    give_score(scheme, world.branch_a, computed, 60)
    give_score(scheme, world.branch_a, reviewed, 30)
    give_score(scheme, world.branch_b, computed, 50)
    sheets = {sheet.organization: sheet.missing for sheet in unfinished_sheets(scheme)}
    assert sheets == {world.branch_b: [reviewed], world.branch_c: [computed, reviewed]}


def _unfinished_queries(scheme) -> int:
    with CaptureQueriesContext(connection) as queries:
        unfinished_sheets(scheme)
    return len(queries)


def test_unfinished_sheets_take_the_same_queries_for_more_organizations(setup, world):
    scheme = setup[0]
    small = _unfinished_queries(scheme)
    for _ in range(5):
        branch(world.community2)
    assert len(unfinished_sheets(scheme)) == 8
    assert _unfinished_queries(scheme) == small == 3

"""An organization's score sheet: the lines with their points, reasons, measures and links to
the records; the result; who may read it (404 outside the reader's scope); scoring a reviewed
line, and a refused score shown on its form with nothing saved."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment.models import Score
from assessment.tests.support.pages import TODAY, a_day_after, ranked_scheme
from assessment.tests.support.schemes import add_indicator, give_score, make_scheme


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY, tick=False)


@pytest.fixture
def ranked(world, fake_metric, street_staff):
    return ranked_scheme(world, street_staff)


def _url(name, scheme, organization):
    return reverse(f"assessment:{name}", args=[scheme.pk, organization.pk])


def _score(client, scheme, organization, indicator, value, reason):
    prefix = f"i{indicator.pk}"
    return client.post(
        _url("score", scheme, organization),
        {"indicator": indicator.pk, f"{prefix}-value": value, f"{prefix}-reason": reason},
    )


def test_the_sheet_shows_points_reasons_measures_and_the_records(
    client, world, ranked, street_staff
):
    scheme, computed, reviewed = ranked
    client.force_login(street_staff)
    response = client.get(_url("sheet", scheme, world.branch_c))
    assert response.status_code == 200
    body = response.content.decode()
    computed_line = body.split(f'data-testid="sheet-line-{computed.pk}"', 1)[1].split("</tr>")[0]
    # 30 of 60 with the weight 60: 30 points; the meetings held, 5 of 6
    assert "30.00" in computed_line and "0.8333 = 5 / 6" in computed_line
    records = f"/activities/compliance/?organization={world.branch_c.pk}&amp;year=2026"
    assert f'href="{records}"' in computed_line
    reviewed_line = body.split(f'data-testid="sheet-line-{reviewed.pk}"', 1)[1].split("</tr>")[0]
    assert "C支部需改进" in reviewed_line and "30.00" in reviewed_line
    result = body.split('data-testid="sheet-result"', 1)[1].split("</div>\n</div>")[0]
    assert "60.00" in result and "一般" in result and "1.00" in result


def test_a_secretary_reads_their_own_sheet_and_gets_404_for_another_branch_s(
    client, world, ranked, secretary_a
):
    scheme = ranked[0]
    client.force_login(secretary_a)
    assert client.get(_url("sheet", scheme, world.branch_a)).status_code == 200
    assert client.get(_url("sheet", scheme, world.branch_b)).status_code == 404


def test_a_sheet_of_an_organization_the_scheme_does_not_assess_is_404(
    client, world, ranked, street_staff
):
    client.force_login(street_staff)
    assert client.get(_url("sheet", ranked[0], world.community1)).status_code == 404


def test_another_street_gets_404_for_the_sheet(client, world, ranked, other_street_staff):
    client.force_login(other_street_staff)
    assert client.get(_url("sheet", ranked[0], world.branch_a)).status_code == 404


def test_a_sheet_without_results_shows_its_missing_lines(client, world, fake_metric, street_staff):
    scheme = make_scheme(world.street_committee1)
    add_indicator(scheme, "工作实绩", weight=100, reviewers=[street_staff])
    client.force_login(street_staff)
    body = client.get(_url("sheet", scheme, world.branch_a)).content.decode()
    assert 'data-testid="sheet-missing"' in body and 'data-testid="sheet-result"' not in body


def test_the_reviewer_gets_a_form_for_their_line_and_a_secretary_none(
    client, world, ranked, street_staff, secretary_a
):
    scheme, computed, reviewed = ranked
    client.force_login(street_staff)
    body = client.get(_url("sheet", scheme, world.branch_a)).content.decode()
    assert f'data-testid="score-form-{reviewed.pk}"' in body
    assert f'data-testid="score-form-{computed.pk}"' not in body
    client.force_login(secretary_a)
    assert "score-form-" not in client.get(_url("sheet", scheme, world.branch_a)).content.decode()


def test_no_form_after_the_deadline(client, world, ranked, street_staff, time_machine):
    scheme = ranked[0]
    time_machine.move_to(a_day_after(scheme), tick=False)
    client.force_login(street_staff)
    assert "score-form-" not in client.get(_url("sheet", scheme, world.branch_a)).content.decode()


def test_a_reviewer_scores_a_line_with_a_reason(client, world, ranked, street_staff):
    scheme, _computed, reviewed = ranked
    client.force_login(street_staff)
    response = _score(client, scheme, world.branch_c, reviewed, "35.5", "整改到位")
    assert response.status_code == 302
    assert response["Location"] == _url("sheet", scheme, world.branch_c)
    score = Score.objects.get(scheme=scheme, organization=world.branch_c, indicator=reviewed)
    assert (str(score.value), score.reason, score.scored_by) == ("35.50", "整改到位", street_staff)


@pytest.mark.parametrize(
    ("value", "reason", "message"),
    [
        ("40.01", "超出", "must be between 0 and 40"),  # one cent above the maximum
        ("-1", "负分", "must be between 0 and 40"),
        ("30", "", "Give the reason for the score."),
        ("30.123", "三位小数", "A score has at most 2 decimals."),
    ],
)
def test_a_refused_score_shows_the_message_and_saves_nothing(
    client, world, ranked, street_staff, settings, value, reason, message
):
    settings.LANGUAGE_CODE = "en"
    scheme, _computed, reviewed = ranked
    client.force_login(street_staff)
    response = _score(client, scheme, world.branch_c, reviewed, value, reason)
    assert response.status_code == 200
    assert message in response.content.decode()
    score = Score.objects.get(scheme=scheme, organization=world.branch_c, indicator=reviewed)
    assert (str(score.value), score.reason) == ("30.00", "C支部需改进")


def test_the_maximum_itself_is_accepted(client, world, ranked, street_staff):
    scheme, _computed, reviewed = ranked
    client.force_login(street_staff)
    assert _score(client, scheme, world.branch_c, reviewed, "40", "满分").status_code == 302
    assert Score.objects.get(organization=world.branch_c, indicator=reviewed).value == 40


def test_scoring_after_the_deadline_is_refused_on_the_form(
    client, world, ranked, street_staff, settings, time_machine
):
    settings.LANGUAGE_CODE = "en"
    scheme, _computed, reviewed = ranked
    time_machine.move_to(a_day_after(scheme), tick=False)
    client.force_login(street_staff)
    response = _score(client, scheme, world.branch_c, reviewed, "35", "迟到的评分")
    assert "The score sheets locked after the deadline, 2027-01-15." in response.content.decode()
    assert (
        Score.objects.get(organization=world.branch_c, indicator=reviewed).reason == "C支部需改进"
    )


def test_someone_who_is_not_a_reviewer_is_refused_on_the_form(
    client, world, ranked, secretary_a, settings
):
    settings.LANGUAGE_CODE = "en"
    scheme, _computed, reviewed = ranked
    client.force_login(secretary_a)
    response = _score(client, scheme, world.branch_a, reviewed, "10", "自评")
    assert "You are not a reviewer of 工作实绩." in response.content.decode()
    assert Score.objects.get(organization=world.branch_a, indicator=reviewed).value == 40


def test_scoring_another_branch_s_sheet_is_404_and_saves_nothing(
    client, world, ranked, secretary_a
):
    scheme, _computed, reviewed = ranked
    client.force_login(secretary_a)
    response = _score(client, scheme, world.branch_b, reviewed, "0", "越权")
    assert response.status_code == 404
    assert Score.objects.get(organization=world.branch_b, indicator=reviewed).value == 40


def test_an_indicator_of_another_scheme_is_404(client, world, ranked, street_staff):
    scheme, _computed, _reviewed = ranked
    other = make_scheme(world.street_committee1, name="另一方案", starts_on=scheme.ends_on)
    foreign = add_indicator(other, "外方案指标", weight=100, reviewers=[street_staff])
    client.force_login(street_staff)
    assert _score(client, scheme, world.branch_c, foreign, "10", "错方案").status_code == 404


def test_scoring_takes_a_post(client, world, ranked, street_staff):
    client.force_login(street_staff)
    assert client.get(_url("score", ranked[0], world.branch_a)).status_code == 405


def test_the_sheet_s_print_layout_has_no_navigation_and_no_form(
    client, world, ranked, street_staff
):
    client.force_login(street_staff)
    body = client.get(_url("sheet", ranked[0], world.branch_a) + "?print=1").content.decode()
    assert 'data-testid="print-layout"' in body and 'data-testid="nav-assessment"' not in body
    assert "score-form-" not in body and "A支部工作扎实" in body


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_sheet_s_queries_do_not_grow_with_its_lines(client, world, ranked, street_staff):
    scheme, _computed, _reviewed = ranked
    client.force_login(street_staff)
    url = _url("sheet", scheme, world.branch_a)
    # session, user, posts and scope; the scheme, the organization, the sheet's check, its
    # indicators and scores, the result, the indicators the reader reviews
    before = _queries(client, url)
    for n in range(4):
        indicator = add_indicator(
            scheme, f"加分项{n}", weight=0, max_score=10, reviewers=[street_staff]
        )
        give_score(scheme, world.branch_a, indicator, 5, reason=f"理由{n}")
    assert "理由3" in client.get(url).content.decode()
    assert _queries(client, url) == before

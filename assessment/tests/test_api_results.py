"""The results API: a secretary reads their own organization's result, street staff their
street's, by scheme and rank; another scope's result is a 404 and absent from every list; the
list reads as many queries for three organizations as for six."""

import json

import pytest
from django.http import HttpResponse
from schemathesis.core.failures import FailureGroup

from assessment.services.results import results_compute, scheme_publish
from assessment.tests.support.api import RESULTS, assert_conforms, queries_of
from assessment.tests.support.schemes import give_score, standard_scheme
from organizations.tests.factories import branch


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2027-01-10 10:00 +08:00", tick=False)


@pytest.fixture
def computed(world, fake_metric):
    """Street 1's results computed from reviewed scores: A 40 (rank 1), B and C 30 (rank 2,
    shared); street 2's result for D."""
    scheme, _computed, reviewed = standard_scheme(world.street_committee1)
    for organization, value in ((world.branch_a, 40), (world.branch_b, 30), (world.branch_c, 30)):
        give_score(scheme, organization, reviewed, value)
    other, _c, other_reviewed = standard_scheme(world.street_committee2, name="二街道考核")
    give_score(other, world.branch_d, other_reviewed, 35)
    results_compute(scheme=scheme)
    results_compute(scheme=other)
    return scheme, other


def _rows(client, query=""):
    response = client.get(RESULTS + query)
    assert response.status_code == 200
    return [(r["organization_name"], r["total"], r["rank"]) for r in response.json()["results"]]


def test_a_secretary_reads_only_their_own_organizations_result(
    client, secretary_a, computed, world
):
    client.force_login(secretary_a)

    assert _rows(client) == [("A支部", "40.00", 1)]
    assert _rows(client, f"?organization={world.branch_b.pk}") == []
    result_b = world.branch_b.assessment_results.get()
    assert client.get(f"{RESULTS}{result_b.pk}/").status_code == 404


def test_street_staff_read_their_streets_results_by_rank_ties_sharing_it(
    client, street_staff, computed
):
    client.force_login(street_staff)

    assert _rows(client) == [("A支部", "40.00", 1), ("B支部", "30.00", 2), ("C支部", "30.00", 2)]


def test_staff_of_the_other_street_do_not_read_this_streets_results(
    client, other_street_staff, computed, world
):
    client.force_login(other_street_staff)

    assert _rows(client) == [("D支部", "35.00", 1)]
    result_a = world.branch_a.assessment_results.get()
    assert client.get(f"{RESULTS}{result_a.pk}/").status_code == 404


def test_a_result_shows_its_grade_incentive_and_when_it_was_computed(
    client, secretary_a, computed, world
):
    client.force_login(secretary_a)
    result_a = world.branch_a.assessment_results.get()

    response = client.get(f"{RESULTS}{result_a.pk}/")

    body = response.json()
    # 40 of 100 points: below 60, the last band
    assert (body["grade"], body["incentive"]) == ("较差", "0.80")
    assert body["computed_at"].startswith("2027-01-10")
    assert (body["published"], body["published_at"]) == (False, None)
    assert_conforms(response, f"{RESULTS}{{id}}/")


def test_published_results_say_so(client, street_staff, computed):
    scheme, _other = computed
    scheme_publish(user=street_staff, scheme=scheme, confirm=True)
    client.force_login(street_staff)

    response = client.get(f"{RESULTS}?scheme={scheme.pk}")

    rows = response.json()["results"]
    assert {(r["published"], r["published_at"][:10]) for r in rows} == {(True, "2027-01-10")}
    assert_conforms(response, RESULTS)


def test_results_are_read_by_scheme(client, superuser, computed):
    scheme, other = computed
    client.force_login(superuser)

    assert [r[0] for r in _rows(client, f"?scheme={other.pk}")] == ["D支部"]
    assert len(_rows(client, f"?scheme={scheme.pk}")) == 3


@pytest.mark.parametrize("value", ["1.5", "1e300", "99999999999999999999"])
def test_a_scheme_that_is_not_an_id_is_a_400_naming_it(client, street_staff, value):
    client.force_login(street_staff)

    response = client.get(RESULTS, {"scheme": value})

    assert response.status_code == 400
    assert "scheme" in response.json()


def test_the_list_reads_as_many_queries_for_three_organizations_as_for_six(
    client, street_staff, computed, world
):
    scheme, _other = computed
    client.force_login(street_staff)
    client.get(RESULTS)  # the user's scope, read once per session
    three = queries_of(client, RESULTS)

    for name in ("E支部", "F支部", "G支部"):
        branch(world.community2, name=name)
    results_compute(scheme=scheme)
    six = queries_of(client, RESULTS)

    assert len(_rows(client)) == 6
    assert six == three


def test_the_schema_check_catches_an_answer_the_schema_does_not_declare(
    client, street_staff, computed
):
    """The check the tests above rely on: a result without its rank is refused."""
    client.force_login(street_staff)
    response = client.get(RESULTS)
    body = response.json()
    del body["results"][0]["rank"]
    wrong = HttpResponse(json.dumps(body), content_type="application/json")
    wrong.request = response.request

    with pytest.raises(FailureGroup) as failures:
        assert_conforms(wrong, RESULTS)
    assert "rank" in str(failures.value.exceptions[0])

"""The appraisals API: a secretary reads their branch's appraisals, the community its
branches'; one appraisal with its list and a follow-up, as the OpenAPI schema declares it;
another scope's is a 404; the list reads as many queries for one appraisal as for three; a
bad filter is a 400 naming it."""

import pytest

from assessment.services.appraisals import appraisal_decide
from assessment.tests.support.api import assert_conforms, queries_of
from assessment.tests.support.appraisals import MEETING, TODAY, graded, opened

APPRAISALS = "/api/assessment-appraisals/"


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY, tick=False)


def test_a_secretary_reads_their_branchs_and_the_community_its_branches(
    client, world, secretary_a, secretary_b, community_staff
):
    opened(secretary_a, world.branch_a, 2)
    opened(secretary_b, world.branch_b, 2)
    client.force_login(secretary_a)
    response = client.get(APPRAISALS)
    assert [r["organization_name"] for r in response.json()["results"]] == ["A支部"]
    assert_conforms(response, APPRAISALS)
    client.force_login(community_staff)
    names = [r["organization_name"] for r in client.get(APPRAISALS).json()["results"]]
    assert sorted(names) == ["A支部", "B支部"]


def test_one_appraisal_with_its_list_and_follow_up(client, world, secretary_a, secretary_b):
    appraisal, entries = opened(secretary_a, world.branch_a, 3)
    appraisal_decide(
        user=secretary_a, appraisal=appraisal, meeting_date=MEETING, grades=graded(entries, 1, 1)
    )
    client.force_login(secretary_a)
    response = client.get(f"{APPRAISALS}{appraisal.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert (data["state"], data["top_count"], data["failing_count"]) == ("decided", 1, 1)
    assert len(data["entries"]) == 3
    follow_ups = [e["follow_up"] for e in data["entries"] if e["follow_up"]]
    assert len(follow_ups) == 1 and follow_ups[0]["closed_at"] is None
    assert_conforms(response, f"{APPRAISALS}{{id}}/")
    client.force_login(secretary_b)
    assert client.get(f"{APPRAISALS}{appraisal.pk}/").status_code == 404


def test_the_list_reads_a_fixed_number_of_queries(client, world, community_staff, secretary_a):
    opened(secretary_a, world.branch_a, 2)
    client.force_login(community_staff)
    one = queries_of(client, APPRAISALS)
    opened(community_staff, world.branch_b, 2)
    assert queries_of(client, APPRAISALS) == one


def test_a_bad_filter_is_a_400_naming_it(client, secretary_a):
    client.force_login(secretary_a)
    response = client.get(f"{APPRAISALS}?year=1e300")
    assert response.status_code == 400 and "year" in response.json()
    response = client.get(f"{APPRAISALS}?state=nope")
    assert response.status_code == 400 and "state" in response.json()

"""The responsibility letters API: each reader's letters with their completion figures and
items, another scope's letter a 404, bad filters a 400 naming them, the answers as the
schema declares them, and as many queries for two letters as for four."""

import datetime

import pytest

from assessment.tests.support.api import assert_conforms, queries_of
from assessment.tests.support.targets import TODAY, item, letter, signed_with_items

LETTERS = "/api/assessment-letters/"
D = datetime.date


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY, tick=False)


def test_a_secretary_reads_their_letter_with_its_items(client, world, secretary_a):
    mine = signed_with_items(world.branch_a, done_by=secretary_a)
    other = signed_with_items(world.branch_b)
    client.force_login(secretary_a)
    response = client.get(LETTERS)
    assert_conforms(response, "/api/assessment-letters/")
    (row,) = response.json()["results"]
    assert (row["id"], row["items_total"], row["items_done"], row["items_overdue"]) == (
        mine.pk,
        3,
        1,
        1,
    )
    assert [i["done"] for i in row["items"]] == [True, False, False]
    assert row["items"][0]["evidence"] == "会议记录已归档"
    detail = client.get(f"{LETTERS}{mine.pk}/")
    assert_conforms(detail, "/api/assessment-letters/{id}/")
    assert detail.json()["organization_name"] == world.branch_a.name
    assert client.get(f"{LETTERS}{other.pk}/").status_code == 404


def test_the_issuing_level_reads_what_it_issued_by_year(client, world, community_staff):
    signed_with_items(world.branch_a)
    letter(world.branch_b, year=2025)
    letter(world.branch_c)  # community 2's
    client.force_login(community_staff)
    rows = client.get(LETTERS).json()["results"]
    assert {r["organization"] for r in rows} == {world.branch_a.pk, world.branch_b.pk}
    rows = client.get(LETTERS + "?year=2025").json()["results"]
    assert [r["organization"] for r in rows] == [world.branch_b.pk]


@pytest.mark.parametrize("query", ["?year=abc", "?year=99999", "?organization=1.5", "?state=x"])
def test_bad_filters_are_a_400_naming_them(client, world, community_staff, query):
    client.force_login(community_staff)
    response = client.get(LETTERS + query)
    assert response.status_code == 400
    assert query[1:].split("=")[0] in response.json()


def test_the_list_reads_as_many_queries_for_more_letters(client, world, street_staff):
    client.force_login(street_staff)
    signed_with_items(world.branch_a)
    signed_with_items(world.community1)
    few = queries_of(client, LETTERS)
    for organization in (world.branch_b, world.branch_c):
        more = signed_with_items(organization)
        item(more, "extra", D(2026, 8, 1))
    assert queries_of(client, LETTERS) == few

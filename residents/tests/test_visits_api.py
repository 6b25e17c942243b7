"""The household visits API: the visits of the user's grid cells newest first, in a bounded
number of queries, with their filters (both days of the period included); a visit recorded
with the requesting user as the visitor; a household out of scope refused exactly as one
that does not exist, a day to come or an empty note refused naming the field, nothing saved."""

import datetime

import pytest

from residents.models import HouseholdVisit
from residents.services.visits import household_visit_record
from residents.tests.support.households import household_world
from residents.tests.support.problems import report
from residents.tests.support.worker import household_in_need

pytestmark = pytest.mark.django_db
URL = "/api/household-visits/"
TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def world(time_machine):
    time_machine.move_to("2026-06-01 09:00 +08:00")
    return household_world()


def _visit(world, household, visited_on, note="在家，身体尚可"):
    return household_visit_record(
        user=world.staff, household=household, visited_on=visited_on, note=note
    )


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def _post(client, data):
    return client.post(URL, data, content_type="application/json")


def test_the_list_is_scoped_newest_first_in_bounded_queries(
    client, world, django_assert_max_num_queries
):
    mine = household_in_need(world.staff, world.cell_a, "甲1号")
    neighbour = household_in_need(world.staff, world.cell_b, "乙1号")
    older = _visit(world, mine, datetime.date(2026, 4, 1))
    newer = _visit(world, mine, datetime.date(2026, 5, 20))
    theirs = _visit(world, neighbour, datetime.date(2026, 5, 1))
    client.force_login(world.worker)
    with django_assert_max_num_queries(8):
        assert _ids(client.get(URL)) == [newer.pk, older.pk]
    for day in range(1, 21):
        _visit(world, mine, datetime.date(2026, 3, day))
    with django_assert_max_num_queries(8):
        body = client.get(URL).json()
    assert body["count"] == 22
    row = body["results"][0]
    assert row["household_address"] == "甲1号" and row["grid_cell"] == world.cell_a.pk
    assert row["visitor"] == world.staff.pk and row["visited_on"] == "2026-05-20"
    client.force_login(world.staff)
    assert theirs.pk in _ids(client.get(URL))


def test_filters_include_both_days_and_bad_values_name_the_parameter(client, world):
    first = household_in_need(world.staff, world.cell_a, "甲1号")
    second = household_in_need(world.staff, world.cell_b, "乙1号")
    april = _visit(world, first, datetime.date(2026, 4, 30))
    may = _visit(world, first, datetime.date(2026, 5, 1))
    other = _visit(world, second, datetime.date(2026, 5, 2))
    client.force_login(world.staff)
    assert _ids(client.get(URL, {"household": first.pk})) == [may.pk, april.pk]
    assert _ids(client.get(URL, {"grid_cell": world.cell_b.pk})) == [other.pk]
    assert _ids(client.get(URL, {"visited_after": "2026-05-01"})) == [other.pk, may.pk]
    assert _ids(client.get(URL, {"visited_after": "2026-05-02"})) == [other.pk]
    assert _ids(client.get(URL, {"visited_before": "2026-05-01"})) == [may.pk, april.pk]
    assert _ids(client.get(URL, {"visited_before": "2026-04-30"})) == [april.pk]
    period = {"visited_after": "2026-05-01", "visited_before": "2026-05-01"}
    assert _ids(client.get(URL, period)) == [may.pk]
    for bad in ({"visited_after": "2026-13-01"}, {"grid_cell": "abc"}, {"household": "1.5"}):
        response = client.get(URL, bad)
        assert response.status_code == 400 and set(bad) <= set(response.json())


def test_a_visit_out_of_scope_is_not_found(client, world):
    mine = _visit(world, household_in_need(world.staff, world.cell_a, "甲1号"), TODAY)
    theirs = _visit(world, household_in_need(world.staff, world.cell_b, "乙1号"), TODAY)
    client.force_login(world.worker)
    assert client.get(f"{URL}{mine.pk}/").json()["note"] == "在家，身体尚可"
    assert client.get(f"{URL}{theirs.pk}/").status_code == 404


def test_a_visit_is_recorded_with_the_user_as_visitor(client, world):
    household = household_in_need(world.staff, world.cell_a, "甲1号")
    problem = report(world.worker, world.cell_a)
    client.force_login(world.worker)
    response = _post(
        client,
        {
            "household": household.pk,
            "visited_on": "2026-06-01",  # today, the last day allowed
            "note": "  独居老人，需要助餐  ",
            "problem": problem.pk,
            "visitor": world.staff.pk,  # read only: ignored
        },
    )
    assert response.status_code == 201, response.content
    visit = HouseholdVisit.objects.get()
    assert response.json()["id"] == visit.pk
    assert (visit.visitor, visit.note, visit.problem) == (
        world.worker,
        "独居老人，需要助餐",
        problem,
    )
    assert response.json()["visitor"] == world.worker.pk


def test_a_household_out_of_scope_is_refused_as_one_that_does_not_exist(client, world):
    theirs = household_in_need(world.staff, world.cell_b, "乙1号")
    client.force_login(world.worker)
    answers = []
    for pk in (theirs.pk, theirs.pk + 1000):
        response = _post(client, {"household": pk, "visited_on": "2026-05-31", "note": "走访"})
        assert response.status_code == 400 and set(response.json()) == {"household"}
        answers.append(response.json()["household"][0].replace(str(pk), "<pk>"))
    assert answers[0] == answers[1]
    assert not HouseholdVisit.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"visited_on": "2026-06-02"}, "visited_on"),  # the day after today
        ({"visited_on": "2026-02-30"}, "visited_on"),
        ({"note": ""}, "note"),
        ({"note": "   "}, "note"),
        ({"household": None}, "household"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(client, world, change, field):
    household = household_in_need(world.staff, world.cell_a, "甲1号")
    client.force_login(world.worker)
    data = {"household": household.pk, "visited_on": "2026-06-01", "note": "走访"} | change
    response = _post(client, data)
    assert response.status_code == 400 and field in response.json(), response.content
    assert not HouseholdVisit.objects.exists()


def test_a_visit_cannot_be_changed_or_deleted(client, world):
    visit = _visit(world, household_in_need(world.staff, world.cell_a, "甲1号"), TODAY)
    client.force_login(world.staff)
    detail = f"{URL}{visit.pk}/"
    assert client.patch(detail, {"note": "x"}, content_type="application/json").status_code == 405
    assert client.delete(detail).status_code == 405

"""The figures over the API: the user's grid cells only, the same figures as the page, a bad
period a 400 naming the field."""

import datetime

import pytest
import time_machine
from rest_framework.test import APIClient

from residents.models.problems import ProblemState, Satisfaction
from residents.tests.support.figures import at, confirmed, household, pairing, problem, resolved

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 11, 2)
URL = "/api/residents-figures/"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(at(TODAY), tick=False):
        yield


@pytest.fixture
def data(world):
    for letter in "ad":
        cell = getattr(world, f"branch_{letter}").grid_cell
        pairing(household(cell, ("laid_off",)), D(2026, 1, 1))
        problem(
            cell,
            D(2026, 10, 5),
            state=ProblemState.CONFIRMED,
            satisfaction=Satisfaction.BASICALLY,
            steps=[resolved(D(2026, 10, 10)), confirmed(D(2026, 10, 11))],
        )


def _get(user, query=""):
    client = APIClient()
    client.force_authenticate(user)
    return client.get(URL + query)


def test_the_figures_of_the_users_cells(data, world, secretary_a):
    response = _get(secretary_a, "?date_from=2026-10-01&date_to=2026-10-31")
    assert response.status_code == 200
    body = response.json()
    assert (body["date_from"], body["date_to"]) == ("2026-10-01", "2026-10-31")
    assert [row["id"] for row in body["grid_cells"]] == [world.branch_a.grid_cell.pk]
    assert [row["id"] for row in body["communities"]] == [world.community1.community.pk]
    total = body["total"]
    assert (total["households"], total["in_need"], total["paired"]) == (1, 1, 1)
    assert (total["resolved"], total["within_deadline"], total["median_days"]) == (
        1,
        1,
        5.0,
    )  # on the due day
    assert (total["basically"], total["satisfied_share"]) == (1, 100.0)
    laid_off = [c["code"] for c in body["categories"]].index("laid_off")
    assert total["by_category"][laid_off] == 1


def test_the_default_period(data, street_staff):
    body = _get(street_staff).json()
    assert (body["date_from"], body["date_to"]) == ("2026-01-01", "2026-11-02")


def test_a_bad_period_is_a_400_naming_the_field(data, street_staff):
    response = _get(street_staff, "?date_from=2026-10-31&date_to=2026-10-01")
    assert response.status_code == 400
    assert "date_from" in response.json()

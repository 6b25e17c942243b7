"""The figures page and its workbook: each user's grid cells only (another street's never
appear, in the page or the file), the default period, a bad period named on the form (no
500), the workbook's sheets and values, formula-like names kept as text, and a fixed number
of queries."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from grid.tests.factories import GridCellFactory
from residents.models import NeedCategory
from residents.models.problems import ProblemState, Satisfaction
from residents.tests.support.figures import at, confirmed, household, pairing, problem, resolved

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 11, 2)
PERIOD = "?date_from=2026-10-01&date_to=2026-10-31"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(at(TODAY), tick=False):
        yield


@pytest.fixture
def cells(world):
    """Each branch's cell named after it, a household in need and a problem in each."""
    named = {}
    for letter in "abcd":
        cell = getattr(world, f"branch_{letter}").grid_cell
        cell.name = f"网格{letter.upper()}区"
        cell.save()
        named[letter] = cell
        pairing(household(cell, ("laid_off",)), D(2026, 1, 1))
        problem(
            cell,
            D(2026, 10, 5),
            state=ProblemState.CONFIRMED,
            satisfaction=Satisfaction.SATISFIED,
            steps=[resolved(D(2026, 10, 7)), confirmed(D(2026, 10, 8))],
        )
    return named


def _page(client, user, query=PERIOD):
    client.force_login(user)
    response = client.get(reverse("residents:figures") + query)
    assert response.status_code == 200
    return response


def _cells_on_page(response) -> set[str]:
    return {row.name for row in response.context["figures"].cells}


def _workbook(client, user, query=PERIOD):
    client.force_login(user)
    response = client.get(reverse("residents:figures_export") + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    return load_workbook(io.BytesIO(response.content))


def test_each_user_sees_their_cells(
    client,
    cells,
    grid_worker,
    secretary_a,
    community_staff,
    street_staff,
    other_street_staff,
):
    assert _cells_on_page(_page(client, grid_worker)) == {"网格A区"}
    assert _cells_on_page(_page(client, secretary_a)) == {"网格A区"}
    assert _cells_on_page(_page(client, community_staff)) == {"网格A区", "网格B区"}
    assert _cells_on_page(_page(client, street_staff)) == {"网格A区", "网格B区", "网格C区"}
    assert _cells_on_page(_page(client, other_street_staff)) == {"网格D区"}


def test_another_streets_figures_never_appear(client, cells, street_staff):
    body = _page(client, street_staff).content.decode()
    assert "网格A区" in body and "网格D区" not in body
    workbook = _workbook(client, street_staff)
    values = {
        cell.value for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
    }
    assert "网格A区" in values and "网格D区" not in values


def test_the_secretary_sees_their_cell_and_its_community_only(client, cells, secretary_a, world):
    figures = _page(client, secretary_a).context["figures"]
    assert [row.name for row in figures.communities] == [world.community1.community.name]
    community, total = figures.communities[0], figures.total
    assert (community.households, community.in_need, community.paired) == (1, 1, 1)
    assert (total.opened, total.resolved, total.satisfied) == (1, 1, 1)


def test_a_community_narrows_the_figures(client, cells, street_staff, world):
    community = world.community2.community
    response = _page(client, street_staff, f"{PERIOD}&community={community.pk}")
    assert _cells_on_page(response) == {"网格C区"}
    assert response.context["form"].several_communities


def test_another_streets_community_is_refused_on_the_form(client, cells, street_staff, world):
    other = world.branch_d.grid_cell.community
    response = _page(client, street_staff, f"{PERIOD}&community={other.pk}")
    assert response.context["figures"] is None
    assert "community" in response.context["form"].errors
    assert "网格D区" not in response.content.decode()


def test_the_default_period_is_the_year_to_today(client, cells, street_staff):
    figures = _page(client, street_staff, "").context["figures"]
    assert (figures.date_from, figures.date_to) == (D(2026, 1, 1), TODAY)
    partly = _page(client, street_staff, "?date_from=2026-10-06").context["figures"]
    assert (partly.date_from, partly.date_to) == (D(2026, 10, 6), TODAY)
    assert partly.total.opened == 0 and partly.total.resolved == 3


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?date_from=2026-11-01&date_to=2026-10-01", "date_from"),
        ("?date_from=2020-01-01&date_to=2026-10-01", "date_to"),
        ("?date_from=1999-12-31&date_to=2000-01-31", "date_from"),
        ("?date_from=yesterday", "date_from"),
        ("?date_to=2026-02-30", "date_to"),
        ("?community=x", "community"),
    ],
)
def test_a_bad_filter_is_named_on_the_form(client, cells, street_staff, query, field):
    response = _page(client, street_staff, query)
    assert response.context["figures"] is None
    assert list(response.context["form"].errors) == [field]
    assert f'data-testid="error-{field}"' in response.content.decode() or field == "community"
    export = client.get(reverse("residents:figures_export") + query)
    assert export.status_code == 400
    assert field in export.context["form"].errors


def test_a_single_community_hides_the_community_filter(client, cells, secretary_a):
    response = _page(client, secretary_a)
    assert not response.context["form"].several_communities
    assert 'name="community"' in response.content.decode()  # hidden, kept in the query
    assert 'type="hidden" name="community"' in response.content.decode()


def test_the_workbook_has_the_communities_and_the_grid_cells(client, cells, street_staff, world):
    with time_machine.travel(at(TODAY), tick=False):
        workbook = _workbook(client, street_staff)
    communities, grid_cells = workbook.worksheets
    header = [cell.value for cell in next(communities.iter_rows(max_row=1))]
    rows = list(communities.iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in rows] == [
        world.community1.community.name,
        world.community2.community.name,
        "合计",
    ]
    first = dict(zip(header, rows[0], strict=True))
    assert first["户数"] == 2 and first["困难户数"] == 2 and first["下岗失业"] == 2
    assert first["结对户数"] == 2 and first["结对率（%）"] == 100
    assert first["受理诉求"] == 2 and first["按期办结"] == 2 and first["办结天数中位数"] == 2
    assert first["满意"] == 2 and first["满意率（%）"] == 100
    assert first["最长未办结（天）"] is None
    header = [cell.value for cell in next(grid_cells.iter_rows(max_row=1))]
    rows = list(grid_cells.iter_rows(min_row=2, values_only=True))
    assert [row[2] for row in rows] == ["网格A区", "网格B区", "网格C区", "合计"]
    total = dict(zip(header, rows[-1], strict=True))
    assert (total["户数"], total["办结"], total["未办结"]) == (3, 3, 0)


def test_formula_like_names_stay_text_in_the_workbook(client, cells, street_staff):
    cells["a"].name = "=1+1"
    cells["a"].save()
    NeedCategory.objects.create(code="risky", name='=HYPERLINK("http://x","y")', order=99)
    workbook = _workbook(client, street_staff)
    by_value = {
        cell.value: cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }
    for value in ("=1+1", '=HYPERLINK("http://x","y")'):
        assert (by_value[value].data_type, by_value[value].quotePrefix) == ("s", True)
    assert [
        cell.coordinate
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ] == []


def test_the_page_is_linked_from_the_residents_menu(client, cells, grid_worker):
    body = _page(client, grid_worker).content.decode()
    assert f'href="{reverse("residents:figures")}"' in body
    assert "table-responsive" in body


def test_the_page_query_count_does_not_grow_with_the_cells(
    client, cells, street_staff, world, django_assert_max_num_queries
):
    client.force_login(street_staff)
    url = reverse("residents:figures") + PERIOD
    export = reverse("residents:figures_export") + PERIOD
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    with django_assert_max_num_queries(40) as few_export:
        client.get(export)
    for _ in range(4):
        cell = GridCellFactory(community=world.community1.community)
        pairing(household(cell, ("laid_off",)), D(2026, 1, 1))
        problem(cell, D(2026, 10, 5))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["figures"].cells) == 7
    with django_assert_max_num_queries(len(few_export.captured_queries)):
        client.get(export)

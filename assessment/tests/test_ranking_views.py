"""The list of schemes, a scheme's ranking (table, chart data, ties, grades, when computed and
published), its .xlsx export and its print layout: what each reader sees, and a number of
queries that does not grow with the number of organizations."""

import datetime
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment.models import Result
from assessment.services.results import results_compute, scheme_publish
from assessment.tests.support.pages import TODAY, computed_score, ranked_scheme
from assessment.tests.support.schemes import make_scheme
from organizations.tests.factories import branch


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY, tick=False)


@pytest.fixture
def ranked(world, fake_metric, street_staff):
    return ranked_scheme(world, street_staff)


def _rows(response) -> list[list[str]]:
    body = response.content.decode()
    table = body.split('data-testid="ranking"', 1)[1].split("</tbody>", 1)[0]
    rows = table.split('data-testid="ranking-row"')[1:]
    cells = []
    for row in rows:
        parts = [p.split("</td>", 1)[0] for p in row.split("<td")[1:]]
        text = []
        for part in parts:
            inner = part.split(">", 1)[1]
            while "<" in inner:  # drop the link around the organization's name
                start, end = inner.index("<"), inner.index(">")
                inner = inner[:start] + inner[end + 1 :]
            text.append(inner.strip())
        cells.append(text)
    return cells


def test_the_list_shows_the_schemes_of_the_reader_s_street(client, ranked, street_staff):
    scheme = ranked[0]
    client.force_login(street_staff)
    response = client.get(reverse("assessment:scheme_list"))
    assert response.status_code == 200
    assert scheme.name in response.content.decode()
    assert reverse("assessment:ranking", args=[scheme.pk]) in response.content.decode()


def test_another_street_sees_neither_the_scheme_nor_its_ranking(client, ranked, other_street_staff):
    scheme = ranked[0]
    client.force_login(other_street_staff)
    assert scheme.name not in client.get(reverse("assessment:scheme_list")).content.decode()
    assert client.get(reverse("assessment:ranking", args=[scheme.pk])).status_code == 404
    assert client.get(reverse("assessment:ranking_export", args=[scheme.pk])).status_code == 404


def test_anonymous_is_sent_to_the_login(client, ranked):
    response = client.get(reverse("assessment:ranking", args=[ranked[0].pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_ranking_shows_tied_ranks_grades_and_incentives(client, ranked, street_staff):
    scheme = ranked[0]
    client.force_login(street_staff)
    response = client.get(reverse("assessment:ranking", args=[scheme.pk]))
    assert response.status_code == 200
    # A and B tie at 90 and share rank 1; C comes third, at 60, the lower edge of 一般
    assert _rows(response) == [
        ["1", "A支部", "90.00", "优秀", "1.20"],
        ["1", "B支部", "90.00", "优秀", "1.20"],
        ["3", "C支部", "60.00", "一般", "1.00"],
    ]


def test_the_chart_gets_the_totals_in_ranking_order(client, ranked, street_staff):
    client.force_login(street_staff)
    response = client.get(reverse("assessment:ranking", args=[ranked[0].pk]))
    body = response.content.decode()
    script = body.split('id="ranking-chart-data"', 1)[1]
    data = json.loads(script.split(">", 1)[1].split("</script>", 1)[0])
    assert data == {"organizations": ["A支部", "B支部", "C支部"], "totals": [90.0, 90.0, 60.0]}
    assert "vendor/echarts/echarts.min.js" in body and 'id="ranking-chart"' in body


def test_a_secretary_sees_the_line_of_their_own_branch_only(client, ranked, secretary_a):
    client.force_login(secretary_a)
    response = client.get(reverse("assessment:ranking", args=[ranked[0].pk]))
    assert _rows(response) == [["1", "A支部", "90.00", "优秀", "1.20"]]
    assert "B支部" not in response.content.decode()


def test_the_page_says_when_results_were_computed_and_published(
    client, ranked, street_staff, settings
):
    settings.LANGUAGE_CODE = "en"
    scheme = ranked[0]
    client.force_login(street_staff)
    body = client.get(reverse("assessment:ranking", args=[scheme.pk])).content.decode()
    assert "Results computed at 2027-01-10 10:00." in body
    assert "Not published yet" in body
    scheme_publish(user=street_staff, scheme=scheme)
    body = client.get(reverse("assessment:ranking", args=[scheme.pk])).content.decode()
    assert "Published at 2027-01-10 10:00" in body


def test_the_print_layout_has_no_navigation(client, ranked, street_staff):
    client.force_login(street_staff)
    url = reverse("assessment:ranking", args=[ranked[0].pk])
    printed = client.get(url + "?print=1").content.decode()
    assert 'data-testid="print-layout"' in printed and 'data-testid="nav-assessment"' not in printed
    assert "A支部" in printed and "echarts.min.js" not in printed
    assert 'data-testid="nav-assessment"' in client.get(url).content.decode()


def test_the_export_holds_the_ranking_with_formula_like_names_kept_as_text(
    client, world, ranked, street_staff
):
    scheme = ranked[0]
    world.branch_c.name = '=HYPERLINK("http://x","y")'
    world.branch_c.save(update_fields=["name"])
    client.force_login(street_staff)
    response = client.get(reverse("assessment:ranking_export", args=[scheme.pk]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1:] == [
        (1, "A支部", 90, "优秀", 1.2),
        (1, "B支部", 90, "优秀", 1.2),
        (3, '=HYPERLINK("http://x","y")', 60, "一般", 1),
    ]
    cell = sheet.cell(row=4, column=2)
    assert cell.data_type == "s" and cell.quotePrefix


def test_a_secretary_exports_their_own_line_only(client, ranked, secretary_a):
    client.force_login(secretary_a)
    response = client.get(reverse("assessment:ranking_export", args=[ranked[0].pk]))
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0].values)
    assert [row[1] for row in rows[1:]] == ["A支部"]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_ranking_s_queries_do_not_grow_with_the_organizations(
    client, world, ranked, street_staff
):
    scheme, computed, _reviewed = ranked
    client.force_login(street_staff)
    urls = [
        reverse(name, args=[scheme.pk])
        for name in ("assessment:ranking", "assessment:ranking_export")
    ]
    # session, user, posts and scope, the scheme, its results with their organizations
    small = [_queries(client, url) for url in urls]
    for n in range(5):
        extra = branch(world.community1, name=f"新支部{n}")
        computed_score(scheme, extra, computed, 10 + n)
    results_compute(scheme=scheme)
    assert Result.objects.filter(scheme=scheme).count() == 8
    assert [_queries(client, url) for url in urls] == small
    assert Result.objects.get(scheme=scheme, organization__name="新支部4").total == Decimal("14.00")


def test_the_list_s_queries_do_not_grow_with_the_schemes(client, world, ranked, street_staff):
    client.force_login(street_staff)
    url = reverse("assessment:scheme_list")
    # session, user, posts and scope, the schemes with their street committees
    one = _queries(client, url)
    for year in (2023, 2024, 2025):
        make_scheme(
            world.street_committee1,
            name=f"{year}年度党支部考核",
            starts_on=datetime.date(year, 1, 1),
            ends_on=datetime.date(year, 12, 31),
            scoring_deadline=datetime.date(year + 1, 1, 15),
        )
    body = client.get(url).content.decode()
    assert "2023年度党支部考核" in body
    assert _queries(client, url) == one

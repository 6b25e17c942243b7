"""The ranking of a scheme in a real browser: ECharts draws the bar chart and the table lists
the organizations in their rank order."""

import pytest
from django.urls import reverse

from assessment.tests.support.pages import ranked_scheme
from tests.browser.conftest import login

pytestmark = pytest.mark.browser


def test_the_ranking_shows_the_chart_and_the_table(page, live_server, world, street_staff):
    scheme, _computed, _reviewed = ranked_scheme(world, street_staff)
    login(page, live_server, "street_staff")
    page.goto(reverse("assessment:ranking", args=[scheme.pk]))

    # ECharts renders into a canvas inside the chart's box once its script has run
    canvas = page.locator("[data-testid=ranking-chart] canvas")
    canvas.wait_for(state="visible")
    box = canvas.bounding_box()
    assert box["width"] > 100 and box["height"] > 100
    rows = page.locator("[data-testid=ranking-row]")
    assert rows.count() == 3
    assert rows.nth(0).locator("td").nth(1).inner_text() == "A支部"
    assert rows.nth(2).locator("td").nth(0).inner_text() == "3"
    assert rows.nth(2).locator("td").nth(3).inner_text() == "一般"

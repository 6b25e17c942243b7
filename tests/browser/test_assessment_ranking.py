"""The ranking of a scheme in a real browser: ECharts draws the bar chart and the table lists
the organizations in their rank order; while the results are computed, the bar of the
computation moves with the progress the page polls, and the page reloads when it is done."""

import pytest
from django.urls import reverse

from assessment.models import ComputingState, Scheme
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


def test_the_computation_s_progress_moves_and_the_page_reloads_when_done(
    page, live_server, world, street_staff
):
    scheme, _computed, _reviewed = ranked_scheme(world, street_staff)
    running = Scheme.objects.filter(pk=scheme.pk)
    running.update(computing_state=ComputingState.RUNNING, computing_done=1, computing_total=4)
    login(page, live_server, "street_staff")
    page.goto(reverse("assessment:ranking", args=[scheme.pk]))
    bar = page.locator("[data-testid=computing-bar]")
    assert bar.get_attribute("aria-valuenow") == "25"
    assert page.locator("[data-testid=compute]").is_disabled()

    running.update(computing_done=3)  # the worker moves on; the page polls every 2 s
    page.wait_for_function(
        "() => document.querySelector('[data-testid=computing-bar]').getAttribute('aria-valuenow') === '75'",
        timeout=10_000,
    )
    assert "3" in page.locator("[data-testid=computing-steps]").inner_text()

    running.update(computing_state=ComputingState.IDLE)  # done: the page reloads itself
    page.wait_for_function(
        "() => document.querySelector('[data-testid=computing]').dataset.running === '0'",
        timeout=10_000,
    )
    assert page.locator("[data-testid=compute]").is_enabled()

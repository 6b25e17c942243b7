"""The Content Security Policy in a real browser: the main pages, opened by a logged-in user,
report no violation (neither on the console nor as a securitypolicyviolation event), and what
used to be inline keeps working from the static files: the ECharts chart draws its canvas (its
tooltip too), the compliance calendar's organization select submits itself, the transfer
letter's Print button prints, progress bars and the tree's indent take their sizes."""

import pytest
from django.urls import reverse

from activities.tests.factories import ActivityFactory
from assessment.tests.support.pages import ranked_scheme
from members.tests.factories import MemberFactory
from members.tests.support.transfers import member_of, transfer_at
from tests.browser.conftest import login

pytestmark = pytest.mark.browser

# Collects the violations the page reports; Playwright runs it in every document before the
# page's own scripts (and outside the policy).
WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline")
    + " " + (event.sourceFile || "") + ":" + (event.lineNumber || ""));
});
window.__printed = 0;
window.print = function () { window.__printed += 1; };
"""


@pytest.fixture
def watched(page):
    """The page, with every CSP complaint it makes collected in `page.csp_messages`."""
    messages = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(WATCH)
    page.csp_messages = messages
    return page


def assert_no_violation(page):
    page.wait_for_load_state("load")
    assert page.evaluate("window.__cspViolations") == []
    assert page.csp_messages == []


def open_page(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert_no_violation(page)
    return response


def test_the_main_pages_report_no_violation(watched, live_server, world, street_staff):
    MemberFactory(organization=world.branch_a, name="王芳")
    activity = ActivityFactory(organization=world.branch_a)
    login(watched, live_server, "street_staff")
    assert_no_violation(watched)
    for url in (
        reverse("home"),
        reverse("members:list"),
        reverse("activities:activity_list"),
        reverse("activities:activity_detail", args=[activity.pk]),
        reverse("activities:type_mix"),
        reverse("organizations:tree"),
        reverse("api-docs"),
    ):
        open_page(watched, url)

    # the tree's indent comes from data-indent through app.js (it was a style attribute)
    open_page(watched, reverse("organizations:tree"))
    indents = watched.eval_on_selector_all(
        "[data-indent]", "rows => rows.map(r => r.style.getPropertyValue('--indent'))"
    )
    assert indents and set(indents) >= {"0", "1"}


def test_the_api_docs_draw_swagger_ui_without_violation(watched, live_server, world, street_staff):
    login(watched, live_server, "street_staff")
    open_page(watched, reverse("api-docs"))
    watched.locator(".swagger-ui .info").wait_for(state="visible")
    assert_no_violation(watched)


def test_the_ranking_chart_draws_its_canvas_and_tooltip_without_violation(
    watched, live_server, world, street_staff
):
    scheme, _computed, _reviewed = ranked_scheme(world, street_staff)
    login(watched, live_server, "street_staff")
    open_page(watched, reverse("assessment:ranking", args=[scheme.pk]))
    chart = watched.locator("[data-testid=ranking-chart]")
    canvas = chart.locator("canvas").first
    canvas.wait_for(state="visible")
    box = canvas.bounding_box()
    assert box["width"] > 100 and box["height"] > 100
    # the box's height came from the .ranking-chart class, not a style attribute
    assert chart.bounding_box()["height"] == pytest.approx(360, abs=1)
    # the tooltip is drawn when the pointer rests on a bar
    watched.mouse.move(box["x"] + box["width"] / 4, box["y"] + box["height"] / 2)
    watched.wait_for_timeout(300)
    assert_no_violation(watched)


def test_the_compliance_calendar_select_submits_itself(watched, live_server, world, street_staff):
    login(watched, live_server, "street_staff")
    open_page(watched, reverse("activities:compliance"))
    select = watched.locator("#pick-organization")
    with watched.expect_navigation():
        select.select_option(str(world.community1.pk))
    assert f"organization={world.community1.pk}" in watched.url
    assert watched.locator("#pick-organization").input_value() == str(world.community1.pk)
    assert_no_violation(watched)


def test_the_transfer_letter_prints_from_its_button(watched, live_server, world, street_staff):
    transfer = transfer_at(member_of(world.branch_a, name="张三"), to=world.branch_d)
    login(watched, live_server, "street_staff")
    open_page(watched, reverse("members:transfer_letter", args=[transfer.pk]))
    # its layout comes from the static stylesheet: the A4 sheet is white on grey
    assert (
        watched.locator(".sheet").first.evaluate("el => getComputedStyle(el).backgroundColor")
        == "rgb(255, 255, 255)"
    )
    watched.locator("[data-print]").click()
    assert watched.evaluate("window.__printed") == 1
    assert_no_violation(watched)


def test_an_inline_script_would_be_blocked_and_reported(watched, live_server, world, street_staff):
    """The watch works: a script injected into the page the way an attack would is refused."""
    login(watched, live_server, "street_staff")
    open_page(watched, reverse("home"))
    watched.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = true'; document.body.appendChild(s); }"
    )
    watched.wait_for_timeout(200)
    assert watched.evaluate("window.__ran") is None
    assert any("script-src" in v for v in watched.evaluate("window.__cspViolations"))

"""A choice of more rows than a select lists is a search box: typing finds the scoped rows,
a result is picked with the keyboard or the mouse, and the form submits the picked id."""

import pytest

from members.tests.factories import MemberFactory
from tests.browser.conftest import login
from tests.support.many_choices import many_branches

pytestmark = pytest.mark.browser


def test_street_staff_filter_the_roll_by_a_branch_found_by_typing(
    page, live_server, world, street_staff
):
    many_branches(world.community1)
    MemberFactory(organization=world.branch_a, name="甲党员")
    MemberFactory(organization=world.branch_b, name="乙党员")
    login(page, live_server, "street_staff")
    page.goto("/members/")

    box = page.locator("#id_organization")
    assert box.get_attribute("role") == "combobox"
    assert page.locator("select[name=organization]").count() == 0
    box.fill("批量支部0003")
    page.locator("#id_organization-results [role=option]", has_text="批量支部0003").wait_for()
    box.fill("")
    box.press_sequentially("A支")
    option = page.locator("#id_organization-results [role=option]", has_text="A支部").first
    option.wait_for()
    assert page.locator("#id_organization-results", has_text="B支部").count() == 0
    box.press("ArrowDown")
    box.press("Enter")
    assert box.input_value() == "A支部"
    with page.expect_navigation():
        page.locator("[data-testid=member-filters] button[type=submit]").click()

    assert f"organization={world.branch_a.pk}" in page.url
    assert page.locator("#id_organization").input_value() == "A支部"
    assert page.get_by_text("甲党员").count() >= 1
    assert page.get_by_text("乙党员").count() == 0

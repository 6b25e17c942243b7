"""User journeys in a real browser (Debian's Chromium through Playwright, against live_server)."""

import re
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser.conftest import login

pytestmark = pytest.mark.browser

NAV = "#main-nav"


def test_the_login_page_is_in_chinese_by_default(page):
    response = page.goto("/accounts/login/")

    assert response.status == 200
    assert page.get_attribute("html", "lang") == "zh-hans"
    assert page.locator("[data-testid=language-en]").is_visible()
    # Chinese text from locale/zh_Hans/LC_MESSAGES/django.mo (compiled from our catalogue).
    assert page.locator("main h1").inner_text() == "登录"
    assert page.title() == "登录"
    assert page.locator("label[for=id_username]").inner_text() == "用户名"
    assert page.locator("label[for=id_password]").inner_text() == "密码"


def test_a_branch_secretary_walks_from_home_through_the_tree_to_the_grid_cell_of_their_branch(
    page, live_server, world, secretary_a
):
    login(page, live_server, "secretary_a")
    assert page.url == f"{live_server.url}{reverse('home')}"

    page.click(f'{NAV} a.nav-link[href="{reverse("organizations:tree")}"]')
    page.wait_for_url(f"**{reverse('organizations:tree')}")
    tree = page.locator("[data-testid=organization-tree]")
    assert tree.get_by_role("link", name="A支部", exact=True).is_visible()
    assert tree.get_by_role("link", name="A支部第一党小组", exact=True).is_visible()
    assert tree.get_by_role("link", name="B支部", exact=True).count() == 0

    tree.get_by_role("link", name="A支部", exact=True).click()
    page.wait_for_url(f"**{reverse('organizations:detail', args=[world.branch_a.pk])}")
    assert page.locator("h1").inner_text() == "A支部"

    cell = world.branch_a.grid_cell
    page.get_by_role("link", name=cell.name, exact=True).click()
    page.wait_for_url(f"**{reverse('grid:cell_detail', args=[cell.pk])}")
    assert cell.name in page.locator("h1").inner_text()


def test_a_secretary_opening_another_branchs_page_gets_a_404(page, live_server, world, secretary_a):
    login(page, live_server, "secretary_a")

    response = page.goto(reverse("organizations:detail", args=[world.branch_b.pk]))

    assert response.status == 404
    assert "B支部" not in page.content()


def test_the_navbar_button_switches_to_english_and_back_to_chinese(page, live_server, secretary_a):
    login(page, live_server, "secretary_a")
    assert page.get_attribute("html", "lang") == "zh-hans"
    assert page.locator(NAV).get_by_role("link", name="党组织", exact=True).is_visible()

    with page.expect_navigation():
        page.click("[data-testid=language-en]")
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator(NAV).get_by_role("link", name="Organizations", exact=True).is_visible()
    assert page.url == f"{live_server.url}{reverse('home')}"

    with page.expect_navigation():
        page.click("[data-testid=language-zh-hans]")
    assert page.get_attribute("html", "lang") == "zh-hans"
    assert page.locator("[data-testid=language-en]").is_visible()
    assert page.locator(NAV).get_by_role("link", name="党组织", exact=True).is_visible()
    assert page.locator(NAV).get_by_role("link", name="Organizations", exact=True).count() == 0


def test_a_user_without_a_post_sees_an_explanation_not_an_error(page, live_server, no_post_user):
    response = login(page, live_server, "no_post")

    assert response.status == 200
    assert page.url == f"{live_server.url}{reverse('home')}"
    assert page.locator("[data-testid=no-post]").is_visible()
    assert page.locator("[data-testid=no-post] h1").inner_text() == "您的账号尚未登记职务"


def test_a_wrong_password_shows_the_login_form_again_with_an_error(page, live_server, secretary_a):
    response = login(page, live_server, "secretary_a", "wrong-password")

    assert response.status == 200
    assert page.url.startswith(f"{live_server.url}{reverse('login')}")
    assert page.locator("main .alert-danger").is_visible()
    assert "区分大小写" in page.locator("main .alert-danger").inner_text()  # Django's own zh_Hans
    assert page.locator("#id_password").is_visible()
    assert page.input_value("#id_username") == "secretary_a"


def test_the_home_page_of_street_staff_renders_with_bootstrap_styles(
    page, live_server, street_staff
):
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, "street_staff")
    page.wait_for_load_state("networkidle")

    # Static files come from live_server: Bootstrap's stylesheet is applied, not just linked.
    assert page.evaluate("getComputedStyle(document.querySelector('nav.navbar')).display") == "flex"
    assert page.evaluate("getComputedStyle(document.querySelector('.row')).display") == "flex"
    assert re.fullmatch(r"\d+", page.locator("[data-testid=organization-total]").inner_text())

    # Looked at by a person, not compared pixel by pixel: kept outside the repository.
    screenshot = Path(tempfile.gettempdir()) / "partygrid-browser" / "home-street-staff.png"
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 0


def _png_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_secretary_records_a_meeting_on_a_phone_and_the_community_approves_its_report(
    browser, live_server, world, secretary_a, community_staff
):
    from members.tests.factories import MemberFactory

    came, on_leave, absent = (
        MemberFactory(organization=world.branch_a, name=name) for name in ("王芳", "李强", "张伟")
    )
    phone = browser.new_context(
        locale="zh-CN",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    phone.set_default_timeout(10_000)
    page = phone.new_page()
    login(page, live_server, "secretary_a")

    page.goto(reverse("activities:activity_create"))
    page.select_option("#id_activity_type", label="主题党日")
    page.wait_for_load_state("networkidle")
    page.fill("#id_topic", "学习党章第五章")
    page.fill("#id_place", "党群服务中心")
    rows = page.locator("[data-testid=roll-row]")
    assert rows.count() == 3
    page.click(f"label[for=att-{on_leave.pk}-leave]")
    page.click(f"label[for=att-{absent.pk}-absent]")
    page.set_input_files(
        "#id_attachments",
        files=[{"name": "现场.png", "mimeType": "image/png", "buffer": _png_bytes()}],
    )
    page.click("[data-testid=save-activity]")
    page.wait_for_url(re.compile(r"/activities/\d+/$"))
    assert page.locator("[data-testid=activity-topic]").inner_text() == "学习党章第五章"
    assert page.locator("[data-testid=attendance-rate]").inner_text() == "33%"
    assert page.locator("[data-testid=attachment]").count() == 1
    # the photo is served through the scoped download view
    image = page.locator("[data-testid=attachment] img").first
    assert image.evaluate("img => img.complete && img.naturalWidth") == 40

    page.click("[data-testid=report-create]")
    page.click("[data-testid=create-report]")
    page.wait_for_url(re.compile(r"/activities/reports/\d+/$"))
    report_url = page.url
    page.click("[data-testid=action-submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=action-submit]").count() == 0
    phone.close()

    page = browser.new_context(locale="zh-CN", base_url=live_server.url).new_page()
    login(page, live_server, "community_staff")
    page.goto(reverse("activities:review_queue"))
    assert page.locator("[data-testid=queue-count]").inner_text() == "1"
    page.locator("[data-testid=queue] a").first.click()
    page.wait_for_url(report_url)
    page.fill("[data-testid=review-form] textarea", "记录完整，同意。")
    page.click("[data-testid=action-approve]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=read-only]").is_visible()
    assert "记录完整，同意。" in page.locator("[data-testid=report-events]").inner_text()
    page.context.close()

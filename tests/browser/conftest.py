"""Browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live_server.

Playwright never downloads a browser here: the fixtures launch the Chromium at CHROMIUM_PATH
(default /usr/bin/chromium). When it is missing the browser tests skip with a reason, or fail
when REQUIRE_SERVICES=1 (the rule of the root conftest)."""

import os
import shutil

import pytest

from conftest import CHROMIUM, need

# Playwright's sync API runs an asyncio event loop in the test thread. Django sees that running
# loop and raises SynchronousOnlyOperation on every ORM call made from the test (the `world` and
# persona fixtures, assertions on the database), although the calls are in fact synchronous and
# never run inside the loop. The request handling itself happens in the live_server thread, which
# has no loop. Allowing "async-unsafe" calls is therefore safe here; note the variable holds for
# the whole pytest process once this conftest is collected (no other test relies on the check).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PASSWORD = "correct-horse-battery"  # the password of every persona (accounts/tests/factories.py)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_executable() -> str:
    """The session-scoped twin of the root `chromium_path` fixture (which is per test)."""
    need(
        "Chromium", bool(shutil.which(CHROMIUM)), f"{CHROMIUM} not found (apt-get install chromium)"
    )
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(browser_executable):
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=browser_executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser, live_server):
    """A fresh context (no cookies, Chinese Accept-Language) and page per test; relative URLs
    such as page.goto("/") go to the live server."""
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def login(page, live_server, username: str, password: str = PASSWORD):
    """Fill the real login form and submit it; returns the response the browser ends on."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    return navigation.value

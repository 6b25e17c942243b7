"""Under DEBUG (`make run`) the project's own 403, 404 and 500 pages answer, in the user's
language, as in production; never Django's technical pages with the URL list."""

import pytest
from django.test import Client
from django.urls import reverse

TECHNICAL = ("Using the URLconf", "Django tried these URL patterns", "Traceback", "DEBUG = True")


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_PAGES = False
    return settings


def assert_project_page(response, status: int, *chinese: str):
    assert response.status_code == status
    html = response.content.decode()
    for text in TECHNICAL:
        assert text not in html
    assert "api/schema/" not in html and "[name=" not in html  # no URL pattern listed
    for text in chinese:
        assert text in html


def test_an_unknown_path_under_debug_shows_the_project_404_in_chinese(debug, client, db):
    response = client.get("/no-such-page/")
    assert_project_page(response, 404, "未找到")
    assert "404.html" in [t.name for t in response.templates]


def test_an_unknown_path_under_debug_follows_the_users_language(debug, client, db):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
    assert_project_page(response, 404, "Not found")


def test_an_out_of_scope_object_under_debug_shows_the_project_404(
    debug, client, world, secretary_a
):
    client.force_login(secretary_a)
    response = client.get(reverse("organizations:detail", args=[world.branch_c.pk]))
    assert_project_page(response, 404, "未找到")


def test_a_path_without_its_slash_is_still_redirected_under_debug(debug, client, db):
    response = client.get("/accounts/login")
    assert response.status_code == 301 and response["Location"] == "/accounts/login/"


@pytest.mark.urls("tests.support.error_urls")
def test_a_refusal_under_debug_shows_the_project_403_in_chinese(debug, client, secretary_a):
    client.force_login(secretary_a)
    assert_project_page(client.get("/refuse/"), 403, "无权操作")


@pytest.mark.urls("tests.support.error_urls")
def test_a_server_error_under_debug_shows_the_project_500_in_chinese(debug, db, caplog):
    response = Client(raise_request_exception=False).get("/fail/")
    assert_project_page(response, 500, "系统暂时出现问题")
    assert "a bug in a view" in caplog.text  # still logged for the developer


def test_technical_pages_can_be_asked_for(debug, client, db):
    debug.DEBUG_TECHNICAL_PAGES = True
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Django tried these URL patterns" in response.content.decode()


def test_the_favicon_is_linked_and_served(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code in (301, 302)
    assert response["Location"].endswith("favicon.svg")
    assert client.get("/accounts/login/").content.decode().count(response["Location"]) == 1

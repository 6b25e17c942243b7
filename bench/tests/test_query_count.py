"""The query count header of the benchmark: off unless BENCH_QUERY_COUNT is set."""

import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from config.query_count import HEADER

SETTINGS = Path(__file__).resolve().parents[2] / "config" / "settings.py"
MIDDLEWARE = "config.query_count.QueryCountMiddleware"


def test_the_middleware_is_off_by_default(monkeypatch):
    monkeypatch.delenv("BENCH_QUERY_COUNT", raising=False)
    assert MIDDLEWARE not in runpy.run_path(str(SETTINGS))["MIDDLEWARE"]


def test_the_environment_variable_puts_it_first(monkeypatch):
    monkeypatch.setenv("BENCH_QUERY_COUNT", "1")
    assert runpy.run_path(str(SETTINGS))["MIDDLEWARE"][0] == MIDDLEWARE


@pytest.mark.django_db
def test_pages_carry_no_query_count_by_default(client):
    assert HEADER not in client.get("/accounts/login/").headers


@pytest.mark.django_db
def test_the_header_counts_the_queries_of_the_request_with_debug_off(
    client, django_assert_num_queries
):
    assert not settings.DEBUG  # counted without connection.queries
    with override_settings(MIDDLEWARE=[MIDDLEWARE, *settings.MIDDLEWARE]):
        with django_assert_num_queries(0):
            response = client.get("/accounts/login/")
        assert response.headers[HEADER] == "0"
        client.cookies["sessionid"] = "no-such-session"
        response = client.get("/accounts/login/")
    assert response.headers[HEADER] == "1"  # the session looked up

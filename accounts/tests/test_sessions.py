"""Session limits: 30 minutes idle, 12 hours in any case; the login page says why, htmx and
the API get an answer they can act on, and a background request does not keep a session."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.urls import reverse

from accounts.tests.factories import UserFactory

START = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def li(db):
    return UserFactory(username="li")


def page(client, **headers):
    # a light page that needs a login
    return client.get(reverse("password_change"), headers=headers)


def query_of(url: str) -> dict:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_the_limits_default_to_30_minutes_and_12_hours(settings):
    assert settings.SESSION_IDLE_MINUTES == 30
    assert settings.SESSION_MAX_HOURS == 12
    assert settings.SESSION_COOKIE_AGE == 12 * 3600


def test_29_minutes_59_idle_keeps_the_session_and_30_minutes_end_it(client, li):
    with time_machine.travel(START, tick=False) as traveller:
        client.force_login(li)
        traveller.shift(datetime.timedelta(minutes=29, seconds=59))
        assert page(client).status_code == 200
        traveller.shift(datetime.timedelta(minutes=29, seconds=59))
        assert page(client).status_code == 200  # the last request restarted the clock
        traveller.shift(datetime.timedelta(minutes=30))
        response = page(client)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert query_of(response.url) == {"next": reverse("password_change"), "reason": "idle"}
    assert "_auth_user_id" not in client.session


def test_the_login_page_says_the_session_ended_for_inactivity(client, db):
    response = client.get(reverse("login"), {"reason": "idle", "next": "/"})
    assert "您已30分钟没有操作，系统已自动退出，请重新登录。" in response.content.decode()


def test_the_login_page_says_the_session_ended_after_12_hours(client, db):
    response = client.get(reverse("login"), {"reason": "max"})
    assert "您已登录满12小时" in response.content.decode()


def test_an_unknown_reason_says_nothing(client, db):
    response = client.get(reverse("login"), {"reason": "<script>"})
    assert "signed_out_message" not in response.context
    assert "<script>" not in response.content.decode()


def test_11_hours_59_of_activity_keep_the_session_and_12_hours_end_it(client, li):
    with time_machine.travel(START, tick=False) as traveller:
        client.force_login(li)
        for _ in range(24):  # a request every 29 minutes, up to 11:36
            traveller.shift(datetime.timedelta(minutes=29))
            assert page(client).status_code == 200
        traveller.move_to(START + datetime.timedelta(hours=11, minutes=59, seconds=59))
        assert page(client).status_code == 200
        traveller.move_to(START + datetime.timedelta(hours=12))
        response = page(client)
    assert response.status_code == 302
    assert query_of(response.url)["reason"] == "max"


def test_a_real_login_starts_the_clocks(client, li):
    with time_machine.travel(START, tick=False) as traveller:
        response = client.post(
            reverse("login"), {"username": "li", "password": "correct-horse-battery"}
        )
        assert response.status_code == 302
        traveller.shift(datetime.timedelta(minutes=30))
        assert page(client).status_code == 302


def test_an_htmx_request_after_expiry_gets_401_with_hx_redirect(client, li):
    with time_machine.travel(START, tick=False) as traveller:
        client.force_login(li)
        traveller.shift(datetime.timedelta(minutes=30))
        response = page(
            client, HX_Request="true", HX_Current_URL="http://testserver/members/?page=2"
        )
    assert response.status_code == 401
    target = response["HX-Redirect"]
    assert target.startswith(reverse("login"))
    assert query_of(target) == {"next": "/members/?page=2", "reason": "idle"}


def test_an_api_request_after_expiry_is_refused_with_the_reason(client, li):
    with time_machine.travel(START, tick=False) as traveller:
        client.force_login(li)
        assert client.get("/api/grid-cells/").status_code == 200
        traveller.shift(datetime.timedelta(minutes=30))
        response = client.get("/api/grid-cells/")
    assert response.status_code == 403
    assert "30" in response.json()["detail"]
    assert "_auth_user_id" not in client.session


def test_a_background_request_does_not_keep_the_session_alive(client, li):
    with time_machine.travel(START, tick=False) as traveller:
        client.force_login(li)
        traveller.shift(datetime.timedelta(minutes=20))
        assert page(client, X_Background_Request="1").status_code == 200
        traveller.shift(datetime.timedelta(minutes=10))
        assert page(client).status_code == 302


def test_the_last_request_is_recorded_to_the_minute(client, li):
    with time_machine.travel(START, tick=False) as traveller:
        client.force_login(li)
        recorded = client.session["_last_seen"]
        traveller.shift(datetime.timedelta(seconds=59))
        page(client)
        assert client.session["_last_seen"] == recorded  # no session write for it
        traveller.shift(datetime.timedelta(seconds=1))
        page(client)
        assert client.session["_last_seen"] == recorded + 60
        # 29:59 after the recorded request the session still holds, 30:00 it ends
        traveller.shift(datetime.timedelta(minutes=29, seconds=59))
        assert page(client, **{"X-Background-Request": "1"}).status_code == 200
        traveller.shift(datetime.timedelta(seconds=1))
        assert page(client).status_code == 302

"""Login lock-out (django-axes): 5 failures lock the username from any address and the
address for any username, for 30 minutes; the page says until when; a superuser unlocks."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.urls import reverse

from accounts.tests.factories import UserFactory

START = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC)
RIGHT = "correct-horse-battery"


def attempt(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.fixture
def li(db):
    return UserFactory(username="li")


def test_the_settings_lock_username_and_address_separately_for_30_minutes(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60


def test_four_failures_from_different_addresses_still_let_the_user_in(client, li):
    for n in range(4):
        assert attempt(client, "li", "wrong", f"10.0.1.{n}").status_code == 200
    assert attempt(client, "li", RIGHT, "10.0.1.99").status_code == 302


def test_the_fifth_failure_locks_the_username_whatever_the_address(client, li):
    for n in range(5):
        attempt(client, "li", "wrong", f"10.0.1.{n}")
    response = attempt(client, "li", RIGHT, "10.0.1.99")
    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]


def test_the_fifth_failure_locks_the_address_whatever_the_username(client, li):
    for n in range(5):
        attempt(client, f"nobody{n}", "wrong", "10.0.2.1")
    assert attempt(client, "li", RIGHT, "10.0.2.1").status_code == 429
    assert attempt(client, "li", RIGHT, "10.0.2.2").status_code == 302


def test_four_failures_of_different_usernames_leave_the_address_open(client, li):
    for n in range(4):
        attempt(client, f"nobody{n}", "wrong", "10.0.2.1")
    assert attempt(client, "li", RIGHT, "10.0.2.1").status_code == 302


def test_the_locked_page_says_how_long_and_until_when_in_chinese(client, li):
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            attempt(client, "li", "wrong")
        response = attempt(client, "li", RIGHT)
    text = response.content.decode()
    assert "暂停30分钟" in text
    assert "2026-05-04 17:30" in text  # 09:00 UTC is 17:00 in Shanghai, plus 30 minutes
    assert "系统管理员" in text


def test_the_lock_lifts_after_30_minutes(client, li):
    with time_machine.travel(START, tick=False) as traveller:
        for _ in range(5):
            attempt(client, "li", "wrong")
        traveller.shift(datetime.timedelta(minutes=29, seconds=59))
        assert attempt(client, "li", RIGHT, "10.0.3.1").status_code == 429
        traveller.move_to(START + datetime.timedelta(minutes=30, seconds=1))
        assert attempt(client, "li", RIGHT, "10.0.3.1").status_code == 302


def test_a_superuser_unlocks_a_user_from_the_user_admin(client, li):
    for n in range(5):
        attempt(client, "li", "wrong", f"10.0.4.{n}")
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    changelist = reverse("admin:accounts_user_changelist")
    response = client.post(changelist, {"action": "unlock", "_selected_action": [li.pk]})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="li").exists()
    client.logout()
    assert attempt(client, "li", RIGHT, "10.0.4.99").status_code == 302


def test_staff_without_superuser_cannot_reach_the_unlock_action(client, li):
    for n in range(5):
        attempt(client, "li", "wrong", f"10.0.4.{n}")
    client.force_login(UserFactory(username="staff", is_staff=True))
    changelist = reverse("admin:accounts_user_changelist")
    response = client.post(changelist, {"action": "unlock", "_selected_action": [li.pk]})
    assert response.status_code == 403
    assert AccessAttempt.objects.filter(username="li").exists()

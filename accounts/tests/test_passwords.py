"""Passwords: 10 characters at least, the optional expiry, and a change that ends the user's
other sessions while keeping this one."""

import datetime

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory

START = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC)
OLD = "correct-horse-battery"


@pytest.fixture
def li(db):
    return UserFactory(username="li")


def change(client, new, old=OLD):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_nine_characters_are_refused_and_ten_accepted(db):
    with pytest.raises(ValidationError) as refused:
        validate_password("Xq7#kLm2p")
    assert "10" in " ".join(refused.value.messages)
    validate_password("Xq7#kLm2pZ")


def test_the_test_personas_password_passes_the_validators(db):
    validate_password(OLD, User(username="li"))


def test_the_change_page_refuses_nine_characters_naming_the_field(client, li):
    client.force_login(li)
    response = change(client, "Xq7#kLm2p")
    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors
    li.refresh_from_db()
    assert li.check_password(OLD)


def test_setting_a_password_records_when(li):
    with time_machine.travel(START, tick=False):
        li.set_password("Xq7#kLm2pZ")
    assert li.password_changed_at == START


def test_checking_a_password_does_not_move_the_date(li):
    before = li.password_changed_at
    li.check_password(OLD)
    assert li.password_changed_at == before


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(li):
    here, elsewhere = Client(), Client()
    here.force_login(li)
    elsewhere.force_login(li)
    assert elsewhere.get(reverse("password_change")).status_code == 200
    response = change(here, "Xq7#kLm2pZ")
    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    assert here.get(reverse("password_change")).status_code == 200
    gone = elsewhere.get(reverse("password_change"))
    assert gone.status_code == 302 and gone.url.startswith(reverse("login"))


def test_expiry_is_off_by_default(client, li, settings):
    assert settings.PASSWORD_EXPIRY_DAYS == 0
    with time_machine.travel(START + datetime.timedelta(days=1000), tick=False):
        client.force_login(li)
        assert client.get(reverse("password_change_done")).status_code == 200


@pytest.fixture
def expiring(settings, db):
    settings.PASSWORD_EXPIRY_DAYS = 90
    with time_machine.travel(START, tick=False):
        return UserFactory(username="wang")


def test_day_89_is_fine_and_day_90_sends_to_the_change_page(client, expiring):
    with time_machine.travel(START + datetime.timedelta(days=89, hours=23), tick=False):
        client.force_login(expiring)
        assert client.get(reverse("password_change_done")).status_code == 200
    with time_machine.travel(START + datetime.timedelta(days=90), tick=False):
        client.force_login(expiring)
        response = client.get(reverse("password_change_done"), follow=True)
        assert response.redirect_chain[0] == (reverse("password_change"), 302)
        assert "90" in " ".join(str(m) for m in response.context["messages"])
        # the change page, logging out and static files stay reachable
        assert client.get(reverse("password_change")).status_code == 200
        assert client.get("/static/css/app.css").status_code != 302
        assert change(client, "Xq7#kLm2pZ").status_code == 302
        assert client.get(reverse("password_change_done")).status_code == 200
        assert client.post(reverse("logout")).status_code == 302


def test_an_expired_password_answers_htmx_and_the_api_without_a_page(client, expiring):
    with time_machine.travel(START + datetime.timedelta(days=90), tick=False):
        client.force_login(expiring)
        htmx = client.get(reverse("password_change_done"), headers={"HX-Request": "true"})
        assert htmx.status_code == 401
        assert htmx["HX-Redirect"] == reverse("password_change")
        api = client.get("/api/grid-cells/")
        assert api.status_code == 403 and "90" in api.json()["detail"]

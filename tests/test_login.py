"""Logging in and out: the right password, a wrong one, and where the user lands."""

from django.urls import reverse

from accounts.tests.factories import UserFactory


def test_login_with_the_right_password_lands_on_home(client, db):
    UserFactory(username="li")
    response = client.post(
        reverse("login"), {"username": "li", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_wrong_password_shows_the_form_again(client, db):
    UserFactory(username="li")
    response = client.post(reverse("login"), {"username": "li", "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_repeated_failures_lock_the_login_for_a_while(client, db, settings):
    UserFactory(username="li")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "li", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "li", "password": "correct-horse-battery"}
    )
    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]


def test_logout_needs_post_and_ends_the_session(client, db):
    user = UserFactory(username="li")
    client.force_login(user)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_api_filter_with_bad_value_is_a_400_naming_the_field(client, world, street_staff):
    client.force_login(street_staff)
    response = client.get("/api/grid-cells/", {"community": "abc"})
    assert response.status_code == 400
    assert "community" in response.json()

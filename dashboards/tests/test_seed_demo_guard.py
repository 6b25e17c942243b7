"""seed_demo and the login rules: it refuses to run with DEBUG off unless told so, and the
password it gives the demo logins passes the password validators."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command

from accounts.models import User
from organizations.demo import DEMO_LOGINS, DEMO_PASSWORD


def test_seed_demo_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-without-debug"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_the_demo_password_passes_the_validators_for_every_demo_login(db):
    for login in DEMO_LOGINS:
        validate_password(DEMO_PASSWORD, User(username=login.username, full_name=login.full_name))

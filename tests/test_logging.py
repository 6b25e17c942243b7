"""What a request leaves in the log: a refused request (403) is one line, without traceback."""

import logging

import pytest
from django.conf import settings as django_settings
from django.utils.log import configure_logging

from accounts.tests.factories import UserFactory
from members.tests.factories import MemberFactory
from organizations.models import Role
from organizations.tests.factories import PostFactory


@pytest.fixture
def refused_url(world):
    """A read-only committee member of branch A asks to start a transfer: 403."""
    reader = UserFactory(username="reader_a")
    PostFactory(user=reader, organization=world.branch_a, role=Role.COMMITTEE_MEMBER)
    member = MemberFactory(organization=world.branch_a)
    return reader, f"/members/transfers/new/{member.pk}/"


def test_a_refused_request_is_logged_once_without_traceback(client, refused_url, caplog):
    reader, url = refused_url
    client.force_login(reader)
    with caplog.at_level(logging.INFO):
        assert client.get(url).status_code == 403
    refusals = [r for r in caplog.records if getattr(r, "status_code", None) == 403]
    assert len(refusals) == 1
    assert refusals[0].exc_info is None
    assert "Traceback" not in caplog.text


def test_the_console_shows_a_refusal_once_while_debugging(client, refused_url, settings, capfd):
    # While DEBUG, Django's default console handler on the "django" logger used to print
    # each request error beside the root's console: two tracebacks for one 403.
    settings.DEBUG = True
    configure_logging(django_settings.LOGGING_CONFIG, django_settings.LOGGING)
    reader, url = refused_url
    client.force_login(reader)
    assert client.get(url).status_code == 403
    out, err = capfd.readouterr()
    written = out + err
    assert written.count("Forbidden (Permission denied)") == 1
    assert "Traceback" not in written

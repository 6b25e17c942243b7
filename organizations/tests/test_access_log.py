"""The access log: logins, logouts, unmaskings, exports and admin actions are written with
the street they concern; superusers read all of it, a street's staff their street's; the
pruning keeps every entry up to the retention (183 days at least)."""

import datetime

import pytest
import time_machine
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.checks import run_checks
from django.core.management import call_command
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from accounts.tests.factories import UserFactory
from organizations.models import AccessEvent, AccessKind, Role
from organizations.services import access_event_record, access_log_prune, retention_days
from organizations.tasks import access_log_prune_task
from organizations.tests.factories import PostFactory

LOG = reverse("organizations:access_log")
MOMENT = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.UTC)


def _events(kind):
    return list(AccessEvent.objects.filter(kind=kind))


# Writing the log


def test_a_login_is_logged_with_the_street_of_the_users_post(client, world, secretary_a):
    response = client.post(
        reverse("login"),
        {"username": "secretary_a", "password": "correct-horse-battery"},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302
    (event,) = _events(AccessKind.LOGIN)
    assert (event.user, event.username, event.street, event.ip_address) == (
        secretary_a,
        "secretary_a",
        world.street1,
        "10.1.2.3",
    )


def test_a_failed_login_is_logged_with_the_name_tried(client, world, secretary_a):
    client.post(reverse("login"), {"username": "secretary_a", "password": "wrong"})
    client.post(reverse("login"), {"username": "nobody-such", "password": "wrong"})
    events = sorted(_events(AccessKind.LOGIN_FAILED), key=lambda e: e.pk)
    assert [(e.username, e.user, e.street) for e in events] == [
        ("secretary_a", secretary_a, world.street1),
        ("nobody-such", None, None),
    ]
    assert not _events(AccessKind.LOGIN)


def test_a_logout_is_logged(client, secretary_a):
    client.force_login(secretary_a)
    client.post(reverse("logout"))
    (event,) = _events(AccessKind.LOGOUT)
    assert event.user == secretary_a


def test_an_admin_action_is_logged(world, superuser):
    LogEntry.objects.log_actions(
        user_id=superuser.pk,
        queryset=[world.branch_a],
        action_flag=CHANGE,
        change_message="renamed",
        single_object=True,
    )
    (event,) = _events(AccessKind.ADMIN)
    assert event.user == superuser
    assert event.what == f"change organization #{world.branch_a.pk}: A支部"


def test_a_change_through_the_admin_is_logged(client, world, superuser):
    client.force_login(superuser)
    url = reverse("admin:organizations_organization_delete", args=[world.group_a.pk])
    client.post(url, {"post": "yes"})
    (event,) = _events(AccessKind.ADMIN)
    assert event.what.startswith(f"delete organization #{world.group_a.pk}")


def test_a_page_is_not_an_export(client, secretary_a):
    client.force_login(secretary_a)
    client.get(reverse("organizations:tree"))
    assert not _events(AccessKind.EXPORT)


def test_a_user_with_posts_in_two_streets_logs_for_superusers_only(world):
    user = UserFactory()
    PostFactory(user=user, organization=world.branch_a)
    PostFactory(user=user, organization=world.branch_d)
    event = access_event_record(kind=AccessKind.LOGIN, user=user, user_street=True)
    assert event.street is None


@pytest.mark.django_db
def test_a_hostile_name_tried_is_kept_without_nul_and_cut_to_length():
    event = access_event_record(
        kind=AccessKind.LOGIN_FAILED, username="a\x00b" + "x" * 300, what="<script>\x00"
    )
    event.refresh_from_db()
    assert event.username == "ab" + "x" * 148
    assert event.what == "<script>"


# Reading the log


@pytest.fixture
def logged(world):
    with time_machine.travel(MOMENT, tick=False):
        one = access_event_record(kind=AccessKind.LOGIN, username="u1", street_id=world.street1.pk)
        two = access_event_record(kind=AccessKind.EXPORT, username="u2", street_id=world.street2.pk)
        none = access_event_record(kind=AccessKind.LOGIN_FAILED, username="u3")
    return one, two, none


def _login(client, user):
    """Log in without the login's own entry, which the list would show."""
    client.force_login(user)
    AccessEvent.objects.filter(kind=AccessKind.LOGIN, user=user).delete()


def _shown(response):
    return {e.pk for e in response.context["page"]}


def test_superuser_reads_every_entry(client, superuser, logged):
    _login(client, superuser)
    assert _shown(client.get(LOG)) == {e.pk for e in logged}


def test_street_staff_read_their_streets_entries_only(
    client, street_staff, other_street_staff, logged
):
    _login(client, street_staff)
    assert _shown(client.get(LOG)) == {logged[0].pk}
    _login(client, other_street_staff)
    response = client.get(LOG)
    assert _shown(response) == {logged[1].pk}
    assert "u1" not in response.content.decode()


@pytest.mark.parametrize("persona", ["secretary_a", "community_staff", "no_post_user"])
def test_others_are_refused(client, request, persona, logged):
    _login(client, request.getfixturevalue(persona))
    assert client.get(LOG).status_code == 403


def test_a_street_secretary_is_no_staff(client, world, logged):
    secretary = UserFactory()
    PostFactory(user=secretary, organization=world.street_committee1, role=Role.SECRETARY)
    _login(client, secretary)
    assert client.get(LOG).status_code == 403


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(LOG)
    assert response.status_code == 302 and "login" in response["Location"]


def test_filters_by_kind_user_and_days(client, superuser, logged):
    _login(client, superuser)
    assert _shown(client.get(LOG, {"kind": "export"})) == {logged[1].pk}
    assert _shown(client.get(LOG, {"user": "U3"})) == {logged[2].pk}
    day = MOMENT.date()
    assert len(_shown(client.get(LOG, {"date_from": day, "date_to": day}))) == 3
    after = day + datetime.timedelta(days=1)
    assert _shown(client.get(LOG, {"date_from": after})) == set()
    assert _shown(client.get(LOG, {"date_to": day - datetime.timedelta(days=1)})) == set()


@pytest.mark.parametrize(
    "query", [{"date_from": "2026-02-30"}, {"kind": "nothing"}, {"user": "x" * 500}, {"page": "x"}]
)
def test_bad_filters_give_a_message_not_an_error(client, superuser, logged, query):
    _login(client, superuser)
    response = client.get(LOG, query)
    assert response.status_code == 200


def test_the_page_reads_a_fixed_number_of_queries(
    client, world, street_staff, django_assert_max_num_queries
):
    for n in range(60):
        access_event_record(kind=AccessKind.LOGIN, username=f"u{n}", street_id=world.street1.pk)
    _login(client, street_staff)
    with django_assert_max_num_queries(12):
        response = client.get(LOG)
    assert len(response.context["page"]) == 50


def test_the_admin_is_for_superusers_only(client, street_staff, superuser, logged):
    url = reverse("admin:organizations_accessevent_changelist")
    _login(client, street_staff)
    assert client.get(url).status_code == 403
    _login(client, superuser)
    assert client.get(url).status_code == 200
    change = reverse("admin:organizations_accessevent_change", args=[logged[0].pk])
    assert client.post(change, {"what": "x"}).status_code == 403
    assert AccessEvent.objects.get(pk=logged[0].pk).what == ""


# Retention


def _made(days_before: int, now: datetime.datetime) -> AccessEvent:
    return AccessEvent.objects.create(
        kind=AccessKind.LOGIN, at=now - datetime.timedelta(days=days_before)
    )


@pytest.mark.django_db
def test_pruning_keeps_183_days_and_deletes_what_is_older():
    now = MOMENT
    kept = [_made(0, now), _made(182, now), _made(183, now)]
    just_older = AccessEvent.objects.create(
        kind=AccessKind.LOGIN, at=now - datetime.timedelta(days=183, microseconds=1)
    )
    gone = _made(184, now)
    with time_machine.travel(now, tick=False):
        assert access_log_prune() == 2
    assert set(AccessEvent.objects.values_list("pk", flat=True)) == {e.pk for e in kept}
    assert not AccessEvent.objects.filter(pk__in=[just_older.pk, gone.pk]).exists()


@pytest.mark.django_db
def test_a_lower_retention_is_raised_to_183_days_with_a_warning(settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 30
    assert retention_days() == 183
    assert "organizations.W001" in {m.id for m in run_checks()}
    kept = _made(100, MOMENT)
    assert access_log_prune(now=MOMENT) == 0
    assert AccessEvent.objects.filter(pk=kept.pk).exists()


@pytest.mark.django_db
def test_a_longer_retention_is_kept(settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 400
    kept, gone = _made(400, MOMENT), _made(401, MOMENT)
    assert access_log_prune(now=MOMENT) == 1
    assert list(AccessEvent.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not AccessEvent.objects.filter(pk=gone.pk).exists()


@pytest.mark.django_db
def test_the_command_and_the_task_prune():
    with time_machine.travel(MOMENT, tick=False):
        _made(200, MOMENT)
        call_command("prune_access_log")
        assert not AccessEvent.objects.exists()
        _made(200, MOMENT)
        assert access_log_prune_task() == 1


@pytest.mark.django_db
def test_the_pruning_is_scheduled_daily_in_beat():
    task = PeriodicTask.objects.get(task="organizations.access_log_prune")
    assert task.enabled
    assert (task.crontab.hour, task.crontab.minute, task.crontab.day_of_week) == ("3", "30", "*")

"""Every heading and column of the admin reads in Chinese, third-party apps' included
(django-axes and django-celery-beat lack Chinese strings: the project's catalogue has them)."""

import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)

from members.tests.factories import MemberFactory

CJK = re.compile(r"[\u4e00-\u9fff]")
HEADINGS = [
    r"<caption>(.*?)</caption>",  # the index's app sections
    r'<th scope="row">(.*?)</th>',  # the index's model names
    r'<th scope="col"[^>]*>(.*?)</th>',  # column headings
    r"<summary>(.*?)</summary>",  # filter titles
    r"<h1>(.*?)</h1>",
]
ENGLISH = ["Axes", "Access attempts", "IP Address", "User Agent", "Attempt Time", "Task Name"]


@pytest.fixture
def records(world):
    now = timezone.now()
    common = {"user_agent": "pytest", "ip_address": "10.0.0.1", "username": "someone"}
    AccessAttempt.objects.create(
        **common, attempt_time=now, get_data="", post_data="", failures_since_start=1
    )
    AccessLog.objects.create(**common, attempt_time=now, logout_time=now)
    AccessFailureLog.objects.create(**common, attempt_time=now, locked_out=False)
    schedules = {
        "crontab": CrontabSchedule.objects.create(minute="0", hour="6"),
        "interval": IntervalSchedule.objects.create(every=10, period=IntervalSchedule.MINUTES),
        "solar": SolarSchedule.objects.create(event="sunrise", latitude=32, longitude=118),
        "clocked": ClockedSchedule.objects.create(clocked_time=now),
    }
    for kind, schedule in schedules.items():
        PeriodicTask.objects.create(
            name=f"task {kind}",
            task="reminders.sweep",
            one_off=kind == "clocked",
            **{kind: schedule},
        )
    MemberFactory(organization=world.branch_a)


def headings(html: str) -> list[str]:
    found = []
    for pattern in HEADINGS:
        for inner in re.findall(pattern, html, re.S):
            text = " ".join(re.sub(r"<[^>]+>", " ", inner).split())
            if re.search(r"[A-Za-z]", text):
                found.append(text)
    return found


def changelists():
    yield "admin:index"
    for model in admin.site._registry:
        yield f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"


@pytest.mark.parametrize("name", list(changelists()))
def test_admin_headings_are_in_chinese(client, superuser, records, name):
    client.force_login(superuser)
    response = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    html = response.content.decode()
    english = [text for text in headings(html) if not CJK.search(text)]
    assert not english, f"headings in English on {name}: {english}"
    assert not [word for word in ENGLISH if f">{word}<" in html]


def test_the_member_change_list_is_titled_members_not_a_count(client, superuser, records):
    client.force_login(superuser)
    response = client.get(reverse("admin:members_member_changelist"))
    title = re.search(r"<title>(.*?)</title>", response.content.decode()).group(1)
    assert "党员" in title and "党员人数" not in title

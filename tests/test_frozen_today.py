"""FROZEN_TODAY (root conftest): the whole session runs on that day, in the project's time
zone and in the machine's, with the clock ticking. scripts/frozen-dates.sh runs this module
on each of its days."""

import datetime
import os
import time

from django.utils import timezone

from conftest import _frozen_moment


def test_frozen_today_is_a_morning_in_the_project_time_zone():
    moment = _frozen_moment("2028-02-29")
    assert timezone.localdate(moment) == datetime.date(2028, 2, 29)
    assert moment.astimezone(datetime.UTC).date() == datetime.date(2028, 2, 29)


def test_the_session_runs_on_frozen_today_when_it_is_set():
    frozen = os.environ.get("FROZEN_TODAY")
    if not frozen:
        return
    day = datetime.date.fromisoformat(frozen)
    assert timezone.localdate() == day
    assert datetime.date.today() == day
    before = timezone.now()
    time.sleep(0.01)
    assert timezone.now() > before  # the clock ticks: timeouts and orderings still work

"""The sweep: run every rule, create what is newly due, close what is no longer due."""

import datetime
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from organizations.selectors import responsible_users_for
from reminders.models import EmailState, Reminder, ReminderState, SweepRun
from reminders.registry import Rule, rules, steps
from reminders.selectors import OPEN_STATES

logger = logging.getLogger(__name__)

# the key of the PostgreSQL advisory lock held while a sweep runs (any fixed number)
SWEEP_LOCK_KEY = 7_301_214


def apply_rule(rule: Rule, today: datetime.date) -> tuple[int, int]:
    """Create the reminders of one rule that do not exist yet; close those no longer due.
    Returns (created, due with nobody responsible). A fixed number of queries whatever
    the number of things due."""
    dues = {(d.subject.pk, d.period): d for d in rule.due(today)}
    content_type = ContentType.objects.get_for_model(rule.model)
    existing = set(
        Reminder.objects.filter(kind=rule.kind, content_type=content_type)
        .filter(period__in={key[1] for key in dues})
        .values_list("object_id", "period")
    )
    new = {key: due for key, due in dues.items() if key not in existing}
    responsible = responsible_users_for(
        {d.organization_id for d in new.values() if d.recipient_id is None}
    )
    recipients = {
        key: due.recipient_id or responsible.get(due.organization_id) for key, due in new.items()
    }
    with_email = set(
        User.objects.filter(pk__in={pk for pk in recipients.values() if pk})
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    reminders = [
        Reminder(
            kind=rule.kind,
            content_type=content_type,
            object_id=object_id,
            period=period,
            recipient_id=recipients[object_id, period],
            organization_id=due.organization_id,
            params=due.params,
            due_on=due.due_on,
            email_state=EmailState.PENDING
            if recipients[object_id, period] in with_email
            else EmailState.NONE,
        )
        for (object_id, period), due in new.items()
        if recipients[object_id, period]
    ]
    # a concurrent sweep may have created some of these meanwhile: the constraint keeps one
    Reminder.objects.bulk_create(reminders, ignore_conflicts=True, batch_size=1000)
    _close_no_longer_due(rule, content_type, set(dues))
    return len(reminders), len(new) - len(reminders)


def _close_no_longer_due(rule: Rule, content_type, due_keys: set) -> int:
    open_reminders = Reminder.objects.filter(
        kind=rule.kind, content_type=content_type, state__in=OPEN_STATES
    ).values_list("pk", "object_id", "period")
    done = [pk for pk, object_id, period in open_reminders if (object_id, period) not in due_keys]
    if not done:
        return 0
    return Reminder.objects.filter(pk__in=done).update(
        state=ReminderState.DONE, done_at=timezone.now()
    )


@contextmanager
def _sweep_lock() -> Iterator[bool]:
    """Whether this sweep is the only one running. On PostgreSQL, a session-level advisory
    lock: it outlives the sweep's per-rule transactions and is released by the database when
    the holder's connection ends, so a killed worker never leaves it behind. SQLite runs one
    writer at a time and has no such lock: there, two sweeps at once rely on what makes each
    one safe anyway (the reminders' unique constraint, the steps' row locks)."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [SWEEP_LOCK_KEY])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [SWEEP_LOCK_KEY])


def run_sweep(today: datetime.date | None = None) -> SweepRun | None:
    """Run every registered rule, or nothing (None) while another sweep is running: two
    beats, or a sweep started by hand during the scheduled one, would only do the same work
    twice; the running one covers it, and the next one what became due meanwhile.
    Each rule is idempotent, so a rerun after a crash (a worker killed half-way) creates only
    what the interrupted run had not created yet."""
    with _sweep_lock() as alone:
        if not alone:
            logger.info("reminder sweep skipped: another sweep is running")
            return None
        return _sweep(today)


def _sweep(today: datetime.date | None) -> SweepRun:
    run = SweepRun.objects.create(started_at=timezone.now(), for_date=today or timezone.localdate())
    pause = getattr(settings, "REMINDER_SWEEP_PAUSE_SECONDS", 0)
    details = {}
    for name, step in sorted(steps().items()):
        with transaction.atomic():
            result = step(today=run.for_date)
        if isinstance(result, dict):
            details.update({f"{name}: {key}": value for key, value in result.items()})
    for kind, rule in sorted(rules().items()):
        with transaction.atomic():
            created, unassigned = apply_rule(rule, run.for_date)
        details[kind] = created
        if unassigned:
            # things due in organizations with nobody in a responsible post: shown in the admin
            details[f"{kind} (nobody responsible)"] = unassigned
        if pause:
            time.sleep(pause)  # spreads the load of a large sweep on a busy database
    run.details = details
    run.created_count = sum(v for k, v in details.items() if k in rules())
    run.finished_at = timezone.now()
    run.save(update_fields=["details", "created_count", "finished_at"])
    return run

"""E-mail of reminders: claim a pending delivery, send it, record what happened.

A claim is a conditional UPDATE (``pending`` → ``sending``, stamped with ``email_claimed_at``)
whose row count says whether this worker won it, so two workers holding the same message
cannot both send. A worker that dies between claiming and recording leaves the row in
``sending``; ``reclaim_stale_email_claims`` (run before each delivery round, so at every sweep)
puts claims older than ``REMINDER_EMAIL_CLAIM_TIMEOUT_SECONDS`` back to ``pending``, counting
the lost claim as an attempt so that a message that kills its worker every time is given up.

A refusal by the mail server (or a server that cannot be reached) leaves the e-mail ``pending``
with the error and the time of the next attempt (``email_retry_at``, doubling from two minutes
to six hours): the task retries then, and a delivery round skips it until then. After
``REMINDER_EMAIL_MAX_ATTEMPTS`` it is ``failed``, shown in the admin, where the action "send
the e-mail again" puts it back to ``pending``: a refused e-mail is never silently dropped.
"""

import datetime
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from reminders.delivery import send_reminder_email as send_email
from reminders.models import EmailState, Reminder

logger = logging.getLogger(__name__)

FIRST_RETRY_SECONDS = 120
LONGEST_RETRY_SECONDS = 6 * 3600


@dataclass(frozen=True)
class EmailOutcome:
    status: str  # "sent", "skipped" (not claimed), "failed" (given up) or "retry"
    retry_in: int | None = None  # seconds, for "retry"
    error: Exception | None = None


def _claim_limit(now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(seconds=settings.REMINDER_EMAIL_CLAIM_TIMEOUT_SECONDS)


def reclaim_stale_email_claims() -> int:
    """Claims older than the limit go back to ``pending`` (or ``failed`` after the last
    attempt); a fresh claim is left alone, its worker may still be sending."""
    now = timezone.now()
    stale = Reminder.objects.filter(
        email_state=EmailState.SENDING, email_claimed_at__lt=_claim_limit(now)
    )
    last = settings.REMINDER_EMAIL_MAX_ATTEMPTS - 1
    given_up = stale.filter(email_attempts__gte=last).update(
        email_state=EmailState.FAILED, email_attempts=F("email_attempts") + 1
    )
    if given_up:
        logger.warning("%s reminder e-mails given up after their worker died", given_up)
    return given_up + stale.update(
        email_state=EmailState.PENDING,
        email_claimed_at=None,
        email_attempts=F("email_attempts") + 1,
    )


def pending_email_ids(limit: int = 5000) -> list[int]:
    """The e-mails to send now: pending, and not waiting for their back-off."""
    due = Q(email_retry_at__isnull=True) | Q(email_retry_at__lte=timezone.now())
    return list(
        Reminder.objects.filter(due, email_state=EmailState.PENDING).values_list("pk", flat=True)[
            :limit
        ]
    )


def reminder_emails_retry(*, reminder_ids) -> int:
    """Put failed e-mails back to ``pending`` with their attempts counted afresh (an admin's
    action once the mail server works again); the next delivery round sends them."""
    return Reminder.objects.filter(pk__in=reminder_ids, email_state=EmailState.FAILED).update(
        email_state=EmailState.PENDING, email_attempts=0, email_retry_at=None
    )


def claim_reminder_email(*, reminder_id: int) -> Reminder | None:
    """The reminder if this worker won the claim, else None (sent, being sent or no e-mail)."""
    now = timezone.now()
    won = Reminder.objects.filter(pk=reminder_id, email_state=EmailState.PENDING).update(
        email_state=EmailState.SENDING, email_claimed_at=now
    )
    if won != 1:
        return None
    return Reminder.objects.select_related("recipient", "organization").get(pk=reminder_id)


def _record(reminder: Reminder, **changes) -> int:
    # only the holder of the claim records: a claim reclaimed meanwhile belongs to another
    return Reminder.objects.filter(
        pk=reminder.pk,
        email_state=EmailState.SENDING,
        email_claimed_at=reminder.email_claimed_at,
    ).update(email_claimed_at=None, email_attempts=reminder.email_attempts + 1, **changes)


def _error_text(exc: Exception) -> str:
    """The mail server's answer as it said it ("451 4.3.0 try again later"), else the error."""
    if isinstance(exc, smtplib.SMTPResponseException):
        answer = exc.smtp_error
        text = f"{exc.smtp_code} {answer.decode(errors='replace') if isinstance(answer, bytes) else answer}"
    else:
        text = str(exc) or type(exc).__name__
    return text[:300]


def deliver_reminder_email(*, reminder_id: int) -> EmailOutcome:
    """Claim, send and record one reminder's e-mail."""
    reminder = claim_reminder_email(reminder_id=reminder_id)
    if reminder is None:
        return EmailOutcome("skipped")
    try:
        send_email(reminder)
    except (smtplib.SMTPException, OSError) as exc:
        attempts = reminder.email_attempts + 1
        failed = attempts >= settings.REMINDER_EMAIL_MAX_ATTEMPTS
        retry_in = min(FIRST_RETRY_SECONDS * 2 ** (attempts - 1), LONGEST_RETRY_SECONDS)
        _record(
            reminder,
            email_state=EmailState.FAILED if failed else EmailState.PENDING,
            email_error=_error_text(exc),
            email_retry_at=None
            if failed
            else timezone.now() + datetime.timedelta(seconds=retry_in),
        )
        if failed:
            logger.warning("reminder %s: e-mail failed %s times: %s", reminder_id, attempts, exc)
            return EmailOutcome("failed", error=exc)
        logger.info("reminder %s: e-mail refused (%s), retried in %s s", reminder_id, exc, retry_in)
        return EmailOutcome("retry", retry_in=retry_in, error=exc)
    _record(
        reminder,
        email_state=EmailState.SENT,
        emailed_at=timezone.now(),
        email_error="",
        email_retry_at=None,
    )
    return EmailOutcome("sent")

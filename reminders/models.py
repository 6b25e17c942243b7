"""Reminders, their e-mail delivery state, and the record of each sweep."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from organizations.models import Organization


class SweepRun(models.Model):
    """One run of the scheduled sweep: when it ran, and what each rule created. The admin
    shows the latest runs, so staff can see at a glance that reminders are being checked."""

    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    for_date = models.DateField(_("checked for"))
    created_count = models.PositiveIntegerField(_("reminders created"), default=0)
    details = models.JSONField(_("per rule"), default=dict, blank=True)

    class Meta:
        verbose_name = _("reminder sweep")
        verbose_name_plural = _("reminder sweeps")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["-started_at"], name="sweep_started_at")]

    def __str__(self) -> str:
        return f"{self.for_date} ({self.created_count})"


class ReminderState(models.TextChoices):
    OPEN = "open", pgettext_lazy("reminder state", "open")
    READ = "read", pgettext_lazy("reminder state", "read")
    DONE = "done", pgettext_lazy("reminder state", "done")


class EmailState(models.TextChoices):
    NONE = "none", pgettext_lazy("reminder e-mail state", "no e-mail address")
    PENDING = "pending", pgettext_lazy("reminder e-mail state", "to be sent")
    SENDING = "sending", pgettext_lazy("reminder e-mail state", "being sent")
    SENT = "sent", pgettext_lazy("reminder e-mail state", "sent")
    FAILED = "failed", pgettext_lazy("reminder e-mail state", "failed")


class Reminder(models.Model):
    """Something due, for the person responsible, once per thing and period: the unique
    constraint on (kind, thing, period) makes a rerun of any check harmless."""

    kind = models.CharField(pgettext_lazy("reminder kind", "kind"), max_length=60)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    period = models.CharField(_("period"), max_length=20)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("recipient"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("organization"),
    )
    params = models.JSONField(default=dict, blank=True)
    due_on = models.DateField(_("due on"))
    state = models.CharField(
        pgettext_lazy("reminder state", "state"),
        max_length=10,
        choices=ReminderState.choices,
        default=ReminderState.OPEN,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    email_state = models.CharField(
        _("e-mail"), max_length=10, choices=EmailState.choices, default=EmailState.PENDING
    )
    email_attempts = models.PositiveSmallIntegerField(
        pgettext_lazy("reminder e-mail", "attempts"), default=0
    )
    emailed_at = models.DateTimeField(null=True, blank=True)
    # the mail server's last refusal, and when the next attempt is due (back-off)
    email_error = models.CharField(
        pgettext_lazy("reminder e-mail", "last error"), max_length=300, blank=True
    )
    email_retry_at = models.DateTimeField(
        pgettext_lazy("reminder e-mail", "next attempt"), null=True, blank=True
    )
    # when a worker claimed the e-mail for sending; an old claim is one whose worker died
    email_claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["state", "due_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "period"],
                name="one_reminder_per_thing_and_period",
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "state"], name="reminder_inbox"),
            models.Index(fields=["kind", "state"], name="reminder_kind_state"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period} → {self.recipient}"

    @property
    def rule(self):
        from reminders.registry import rules

        return rules().get(self.kind)

    @property
    def message(self) -> str:
        rule = self.rule
        if rule is None:
            return self.kind
        try:
            return str(rule.message) % self.params
        except (KeyError, TypeError, ValueError):
            return str(rule.label)

    @property
    def url(self) -> str | None:
        rule = self.rule
        return rule.url(self) if rule is not None and rule.url else None

from django.db import models
from django.utils.translation import gettext_lazy as _


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

"""The access log: logins (succeeded and failed), logouts, unmaskings of personal data,
exports and admin actions; kept at least ACCESS_LOG_RETENTION_DAYS (183 days, the six months
of the Cybersecurity Law). Read by superusers, and by a street's staff for their street."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AccessKind(models.TextChoices):
    LOGIN = "login", pgettext_lazy("access event", "login")
    LOGIN_FAILED = "login_failed", pgettext_lazy("access event", "failed login")
    LOGOUT = "logout", pgettext_lazy("access event", "logout")
    UNMASK = "unmask", pgettext_lazy("access event", "unmasking")
    EXPORT = "export", pgettext_lazy("access event", "export")
    ADMIN = "admin", pgettext_lazy("access event", "admin action")


class AccessEvent(models.Model):
    """Who (the user, or the user name tried), from where, did what, when; the street it
    concerns (the record's street, or the street of the user's posts) decides who reads it."""

    at = models.DateTimeField(
        pgettext_lazy("access event", "when"), default=timezone.now, db_index=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("access event", "who"),
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    kind = models.CharField(
        pgettext_lazy("access event", "kind"), max_length=20, choices=AccessKind.choices
    )
    what = models.CharField(pgettext_lazy("access event", "what"), max_length=255, blank=True)
    street = models.ForeignKey(
        "grid.Street",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("street"),
    )

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = pgettext_lazy("audit", "access log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["street", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.kind} {self.what}"

"""The log of unmaskings of a member's ID number or phone."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SensitiveAccess(models.Model):
    """One unmasking of a member's ID number or phone: who, whose, what, when and where."""

    class Channel(models.TextChoices):
        PAGE = "page", pgettext_lazy("access channel", "page")
        EXPORT = "export", pgettext_lazy("access channel", "export")
        API = "api", pgettext_lazy("access channel", "API")
        ADMIN = "admin", pgettext_lazy("access channel", "admin")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("who")
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.CASCADE, related_name="accesses", verbose_name=_("whose")
    )
    fields = models.CharField(_("what"), max_length=50)
    channel = models.CharField(_("where"), max_length=10, choices=Channel.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("unmasking of personal data")
        verbose_name_plural = _("unmasking log")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user} → {self.member} ({self.fields})"

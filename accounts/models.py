"""The user model and the phone number format shared by the apps."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

phone_validator = RegexValidator(
    r"^(1\d{10}|0\d{2,3}-?\d{7,8})$",
    _("Enter a mobile number of 11 digits or a landline such as 025-84561234."),
)


class User(AbstractUser):
    """A person who logs in. What they may see comes from their posts (organizations app)."""

    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    # when the password was last set: read by the optional password expiry (PASSWORD_EXPIRY_DAYS)
    password_changed_at = models.DateTimeField(_("password changed"), default=timezone.now)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        if self.full_name:
            return f"{self.full_name} ({self.username})"
        return self.username

    def set_password(self, raw_password) -> None:
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    def check_password(self, raw_password) -> bool:
        # Checking may re-hash the password with a newer hasher through set_password: that
        # is no change of password and must not postpone its expiry.
        changed_at = self.password_changed_at
        try:
            return super().check_password(raw_password)
        finally:
            self.password_changed_at = changed_at

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name or self.username

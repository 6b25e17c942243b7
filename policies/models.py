"""The admin-edited value of a rule figure, one row per defined figure."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from policies.definitions import definitions


class Policy(models.Model):
    """One admin-editable figure from the regulations (a threshold, a limit, a period)."""

    key = models.CharField(_("key"), max_length=100, unique=True)
    value = models.IntegerField(_("value"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("rule figure")
        verbose_name_plural = _("rule figures")
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"

    @property
    def definition(self):
        return definitions().get(self.key)

    @property
    def label(self) -> str:
        definition = self.definition
        return str(definition.label) if definition else self.key

    @property
    def default(self) -> int | None:
        definition = self.definition
        return definition.default if definition else None

    def clean(self) -> None:
        definition = self.definition
        if definition is not None and self.value is not None:
            try:
                definition.validate(self.value)
            except ValidationError as exc:
                raise ValidationError({"value": exc.messages}) from exc

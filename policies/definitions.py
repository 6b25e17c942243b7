"""Rule figures as declared by the apps: each figure's key, published default and bounds.

No database here: the model validates a row against its definition, and the registry reads
the admin's values."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PolicyDefinition:
    key: str
    default: int
    label: str
    minimum: int | None = None
    maximum: int | None = None

    def validate(self, value: int) -> None:
        if self.minimum is not None and value < self.minimum:
            raise ValidationError(
                _("%(label)s must be at least %(minimum)s."),
                params={"label": self.label, "minimum": self.minimum},
            )
        if self.maximum is not None and value > self.maximum:
            raise ValidationError(
                _("%(label)s must be at most %(maximum)s."),
                params={"label": self.label, "maximum": self.maximum},
            )


_definitions: dict[str, PolicyDefinition] = {}


def define(
    key: str, default: int, label, *, minimum: int | None = None, maximum: int | None = None
) -> PolicyDefinition:
    definition = PolicyDefinition(key, default, label, minimum, maximum)
    existing = _definitions.get(key)
    if existing is not None and existing != definition:
        raise ValueError(f"policy {key!r} is defined twice with different values")
    _definitions[key] = definition
    return definition


def definitions() -> dict[str, PolicyDefinition]:
    return dict(_definitions)

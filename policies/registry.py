"""Rules from the regulations kept as data: each app defines its figures here with the
published value as default; admins change them in the admin, never in code.

    COMMITTEE_MAX = policies.define("branch.committee_max_seats", 7, _("..."), minimum=1)
    policies.value(COMMITTEE_MAX)  # the admin's value, or the default
"""

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


def value(definition: PolicyDefinition) -> int:
    """The value in force: the admin's row if there is one, else the published default."""
    from policies.models import Policy

    stored = Policy.objects.filter(key=definition.key).values_list("value", flat=True).first()
    return definition.default if stored is None else stored


def values(*defs: PolicyDefinition) -> dict[str, int]:
    """Several values in one query."""
    from policies.models import Policy

    stored = dict(Policy.objects.filter(key__in=[d.key for d in defs]).values_list("key", "value"))
    return {d.key: stored.get(d.key, d.default) for d in defs}


def ensure_rows(**kwargs) -> None:
    """After migrate, every defined policy has a row so that admins see and edit it."""
    from policies.models import Policy

    existing = set(Policy.objects.values_list("key", flat=True))
    Policy.objects.bulk_create(
        [Policy(key=d.key, value=d.default) for d in _definitions.values() if d.key not in existing]
    )

"""Rules from the regulations kept as data: each app defines its figures here with the
published value as default; admins change them in the admin, never in code. The figures'
declarations live in policies.definitions; this module adds the values in force.

    COMMITTEE_MAX = policies.define("branch.committee_max_seats", 7, _("..."), minimum=1)
    policies.value(COMMITTEE_MAX)  # the admin's value, or the default
"""

from policies.definitions import PolicyDefinition, define, definitions
from policies.models import Policy

__all__ = ["PolicyDefinition", "define", "definitions", "ensure_rows", "value", "values"]


def value(definition: PolicyDefinition) -> int:
    """The value in force: the admin's row if there is one, else the published default."""
    stored = Policy.objects.filter(key=definition.key).values_list("value", flat=True).first()
    return definition.default if stored is None else stored


def values(*defs: PolicyDefinition) -> dict[str, int]:
    """Several values in one query."""
    stored = dict(Policy.objects.filter(key__in=[d.key for d in defs]).values_list("key", "value"))
    return {d.key: stored.get(d.key, d.default) for d in defs}


def ensure_rows(**kwargs) -> None:
    """After migrate, every defined policy has a row so that admins see and edit it."""
    existing = set(Policy.objects.values_list("key", flat=True))
    Policy.objects.bulk_create(
        [
            Policy(key=d.key, value=d.default)
            for d in definitions().values()
            if d.key not in existing
        ]
    )

"""Reminder rules register here from their app's ``ready()``; the sweep runs them all.

A rule says what is due today with a few set-based queries: ``due(today)`` returns one
``Due`` per thing (the thing, the period it is due for, the date, the organization whose
responsible person is reminded, and parameters for the message; or, where the thing is a
person's own work, that person as ``recipient_id``). The engine creates the
reminders that do not exist yet and closes the open ones whose thing is no longer due
(the meeting was held, the dues were paid)."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models


@dataclass(frozen=True)
class Due:
    subject: models.Model
    period: str
    due_on: datetime.date
    organization_id: int
    params: dict = field(default_factory=dict)
    recipient_id: int | None = None  # who is reminded, instead of the organization's responsible


@dataclass(frozen=True)
class Rule:
    kind: str  # e.g. "dues.unpaid"
    label: object  # lazy text: what the kind is, in lists and the admin
    message: object  # lazy text with %(name)s parameters from Due.params
    due: Callable[[datetime.date], Iterable[Due]]
    model: type[models.Model]
    url: Callable | None = None  # reminder -> link to the page where it is dealt with


_rules: dict[str, Rule] = {}
_steps: dict[str, Callable] = {}


def register(rule: Rule) -> None:
    existing = _rules.get(rule.kind)
    if existing is not None and existing is not rule:
        raise ValueError(f"reminder rule {rule.kind!r} is registered twice")
    _rules[rule.kind] = rule


def rules() -> dict[str, Rule]:
    return dict(_rules)


def register_step(name: str, step: Callable) -> None:
    """Housekeeping run by the sweep before the rules (``step(today=...)``, idempotent),
    e.g. marking transfer letters expired."""
    existing = _steps.get(name)
    if existing is not None and existing is not step:
        raise ValueError(f"sweep step {name!r} is registered twice")
    _steps[name] = step


def steps() -> dict[str, Callable]:
    return dict(_steps)

"""Reminder rules register here from their app's ``ready()``; the sweep runs them all.

A rule is a callable ``rule(today) -> int`` that finds what is due with set-based queries,
creates the reminders that do not exist yet and returns how many it created."""

from collections.abc import Callable
from datetime import date

Rule = Callable[[date], int]

_rules: dict[str, Rule] = {}


def register(name: str, rule: Rule) -> None:
    if name in _rules and _rules[name] is not rule:
        raise ValueError(f"reminder rule {name!r} is registered twice")
    _rules[name] = rule


def rules() -> dict[str, Rule]:
    return dict(_rules)

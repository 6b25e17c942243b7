"""Fixtures of the reminders tests: the registry holding only the test rule."""

import pytest

from reminders import registry
from reminders.tests.support.rules import DUE_NAMES, TEST_RULE


@pytest.fixture
def rule(monkeypatch):
    monkeypatch.setattr(registry, "_rules", {TEST_RULE.kind: TEST_RULE})
    monkeypatch.setattr(registry, "_steps", {})
    DUE_NAMES.clear()
    yield TEST_RULE
    DUE_NAMES.clear()

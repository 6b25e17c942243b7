"""Fixtures of the assessment tests (helpers are in assessment/tests/support/)."""

import pytest

from assessment.tests.support.fake_metric import FAKE_LOWER_KEY, FakeMetric


@pytest.fixture
def fake_metric():
    """A registered metric whose values the test sets; unregistered afterwards."""
    metric = FakeMetric()
    metric.register()
    yield metric
    metric.unregister()


@pytest.fixture
def fake_lower_metric():
    """Like fake_metric, for a figure where lower is better (arrears)."""
    metric = FakeMetric(key=FAKE_LOWER_KEY, higher_is_better=False)
    metric.register()
    yield metric
    metric.unregister()


@pytest.fixture(autouse=True, scope="session")
def _assessment_permissions():
    """The posts' permissions on the assessment models (the app's ready() grants them too)."""
    from assessment.grants import grant_permissions

    grant_permissions()

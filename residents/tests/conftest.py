"""Fixtures shared by the residents tests (helpers are in residents/tests/support/)."""

import datetime

import pytest

from accounts.tests.factories import UserFactory
from grid.tests.factories import GridWorkerAssignmentFactory


@pytest.fixture
def grid_worker(world):
    """The grid worker of branch A's cell since 2025, whatever day a test travels to."""
    user = UserFactory(username="grid_worker")
    GridWorkerAssignmentFactory(
        user=user, grid_cell=world.branch_a.grid_cell, started_on=datetime.date(2025, 1, 1)
    )
    return user

"""Fixtures shared by the activities tests (helpers are in activities/tests/support/)."""

import pytest

from organizations.models import Role
from organizations.tests.factories import PostFactory


@pytest.fixture
def reader_a(world):
    """A committee member of branch A: reads its activities, may not change them."""
    return PostFactory(organization=world.branch_a, role=Role.COMMITTEE_MEMBER).user

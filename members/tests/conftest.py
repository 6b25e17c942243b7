"""Fixtures shared by the members tests: the Excel tests' upload folder and a view-only post."""

import pytest

from organizations.models import Role
from organizations.tests.factories import PostFactory


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads kept between preview and confirm go to a folder of the test."""
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def committee_member_a(world):
    """A view-only post in branch A: may read and export (masked), not import."""
    post = PostFactory(organization=world.branch_a, role=Role.COMMITTEE_MEMBER)
    return post.user

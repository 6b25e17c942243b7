"""grid.access: grid asks organizations, through one registered answer, what a user may see."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from grid import access


def _answer(**overrides):
    functions = {
        "visible_communities_for": lambda user: None,
        "visible_grid_cells_for": lambda user: None,
        "get_grid_cell_for_user": lambda user, pk: None,
        "visible_organizations_for": lambda user: None,
    }
    return access.TerritoryAccess(**{**functions, **overrides})


def test_the_running_project_has_registered_its_territory_access():
    registered = access.territory_access()
    assert registered.visible_grid_cells_for.__module__ == "organizations.scoping.territory"


def test_without_a_registered_access_grid_refuses_to_guess(monkeypatch):
    monkeypatch.setattr(access, "_access", None)
    with pytest.raises(ImproperlyConfigured):
        access.territory_access()


def test_a_second_different_access_is_refused(monkeypatch):
    monkeypatch.setattr(access, "_access", None)
    first = _answer()
    access.register(first)
    access.register(first)  # the same answer again (a second ready()) is harmless
    with pytest.raises(ValueError):
        access.register(_answer(visible_communities_for=lambda user: ()))
    assert access.territory_access() is first

"""Writes of co-building 共驻共建: the needs, resources and projects lists of a community, the
units taking part in a project, and the pairing agreements of branches.

Decisions where the sources are silent:
- The three lists are kept by the community: those who manage its community committee or the
  street working committee above it change them; a branch secretary reads them.
- A need taken up by a project (not cancelled) is "matched"; when no such project is left it
  is open again. A need met or dropped keeps that status; a dropped need is not taken up.
- A resource newly used by a project must be available; the unit offering it cannot change
  (its community follows from the unit).
- A pairing agreement is signed by a branch the user manages, with exactly one partner (a
  unit or a two-new organization) in the branch's community, and one agreement in force at a
  time per branch and partner. Ending it records the day it ended (today or earlier).

base.py holds what the modules share, lists.py the needs and resources, projects.py the
projects and their units, agreements.py the pairing agreements. Every public name is
importable from here.
"""

from activities.services.cobuilding.agreements import agreement_create, agreement_end
from activities.services.cobuilding.lists import (
    NEED_FIELDS,
    RESOURCE_FIELDS,
    need_create,
    need_update,
    resource_create,
    resource_update,
)
from activities.services.cobuilding.projects import (
    PROJECT_FIELDS,
    project_create,
    project_unit_add,
    project_unit_remove,
    project_update,
)

__all__ = [
    "NEED_FIELDS",
    "PROJECT_FIELDS",
    "RESOURCE_FIELDS",
    "agreement_create",
    "agreement_end",
    "need_create",
    "need_update",
    "project_create",
    "project_unit_add",
    "project_unit_remove",
    "project_update",
    "resource_create",
    "resource_update",
]

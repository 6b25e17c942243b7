"""Demo party organizations of one street, built by ``seed_demo``: the fixed logins and the
generated people (``people``), the tree, committee terms, posts and grid workers (``tree``),
and the unit, two-new and mass organizations around the tree (``jurisdiction``).

Everything is derived from the territory (names, codes, seeded ``random.Random``), so that
building it again changes nothing."""

from organizations.demo.jurisdiction import build_jurisdiction
from organizations.demo.people import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    SURNAMES,
    demo_logins_table,
    ensure_demo_logins,
)
from organizations.demo.tree import Tree, build_grid_workers, build_posts, build_tree

__all__ = [
    "DEMO_LOGINS",
    "DEMO_PASSWORD",
    "SURNAMES",
    "Tree",
    "build_grid_workers",
    "build_jurisdiction",
    "build_posts",
    "build_tree",
    "demo_logins_table",
    "ensure_demo_logins",
]

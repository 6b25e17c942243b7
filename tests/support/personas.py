"""The personas of the root conftest and the world's branches each may open: one table for
the access tests of every area."""

BRANCHES = ["branch_a", "branch_b", "branch_c", "branch_d"]

# persona -> which of the world's branches (by attribute name) it may open
SEES = {
    "secretary_a": {"branch_a"},
    "secretary_b": {"branch_b"},
    "community_staff": {"branch_a", "branch_b"},
    "street_staff": {"branch_a", "branch_b", "branch_c"},
    "other_street_staff": {"branch_d"},
    "grid_worker": {"branch_a"},
    "no_post_user": set(),
    "superuser": set(BRANCHES),
}
PERSONAS = list(SEES)
# the personas holding a post or none: a grid worker reads territory, not a branch's records
POST_PERSONAS = [persona for persona in PERSONAS if persona != "grid_worker"]

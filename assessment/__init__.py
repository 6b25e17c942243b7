"""Assessment of the organizations' work: a street's schemes (categories, indicators with
weights, grade bands and incentives), the score sheets (computed from the records through the
metrics registry, or scored by reviewers with a reason), the published results, and the
demo data of ``seed_demo`` (demo/).

May import every app before it (accounts, policies, grid, organizations, reminders, members,
activities) and config.forms; only dashboards may import it."""

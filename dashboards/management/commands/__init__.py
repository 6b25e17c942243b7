"""Management commands of dashboards: seed_demo."""

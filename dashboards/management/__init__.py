"""Management commands of dashboards."""

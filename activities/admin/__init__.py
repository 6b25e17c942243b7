"""The activities admin, a module per topic; importing them registers their ModelAdmins."""

from activities.admin import activities, cobuilding, compliance, reports  # noqa: F401

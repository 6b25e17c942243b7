"""API routes of the activities app: each module lists (prefix, viewset, basename) in ROUTES."""

from activities.api import activities, cobuilding, compliance, reports

ROUTES = [
    *activities.ROUTES,
    *compliance.ROUTES,
    *reports.ROUTES,
    *cobuilding.ROUTES,
]

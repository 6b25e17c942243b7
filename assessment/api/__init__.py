"""API routes of the assessment app: each module lists (prefix, viewset, basename) in ROUTES."""

from assessment.api import results, schemes, scores, weak

ROUTES = [
    *schemes.ROUTES,
    *results.ROUTES,
    *scores.ROUTES,
    *weak.ROUTES,
]

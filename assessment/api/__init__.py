"""API routes of the assessment app: each module lists (prefix, viewset, basename) in ROUTES."""

from assessment.api import appraisals, results, schemes, scores, targets, weak

ROUTES = [
    *schemes.ROUTES,
    *results.ROUTES,
    *scores.ROUTES,
    *targets.ROUTES,
    *appraisals.ROUTES,
    *weak.ROUTES,
]

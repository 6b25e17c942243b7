"""API routes of the residents app: each module lists (prefix, viewset, basename) in ROUTES."""

from residents.api import facilities, figures, households, problems, visits

ROUTES: list = [
    *households.ROUTES,
    *problems.ROUTES,
    *facilities.ROUTES,
    *figures.ROUTES,
    *visits.ROUTES,
]

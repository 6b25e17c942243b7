"""API routes of the residents app: each module lists (prefix, viewset, basename) in ROUTES."""

from residents.api import problems

ROUTES: list = [*problems.ROUTES]

"""API routes of the residents app: each module lists (prefix, viewset, basename) in ROUTES."""

from residents.api import facilities, households

ROUTES: list = [*households.ROUTES, *facilities.ROUTES]

"""API routes of the members app: each module lists (prefix, viewset, basename) in ROUTES."""

from members.api import development, dues, roll, training

ROUTES = [*roll.ROUTES, *development.ROUTES, *dues.ROUTES, *training.ROUTES]

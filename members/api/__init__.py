"""API routes of the members app: each module lists (prefix, viewset, basename) in ROUTES."""

from members.api import development, dues, mobile, roll, training, transfers

ROUTES = [
    *roll.ROUTES,
    *development.ROUTES,
    *dues.ROUTES,
    *training.ROUTES,
    *mobile.ROUTES,
    *transfers.ROUTES,
]

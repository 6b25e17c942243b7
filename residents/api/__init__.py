"""API routes of the residents app: each module lists (prefix, viewset, basename) in ROUTES."""

ROUTES: list = []

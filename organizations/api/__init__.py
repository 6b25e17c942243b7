"""API routes of the organizations app: each module lists (prefix, viewset, basename) in
ROUTES (organizations.api.scoping holds the related field and filter backend every app's API
uses)."""

from organizations.api import organizations

ROUTES = [*organizations.ROUTES]

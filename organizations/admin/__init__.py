"""The admin of organizations' models and of grid's territory, every one scoped
(organizations.admin.scoping holds the mixins every app's admin uses)."""

from organizations.admin import access_log, jurisdiction, organizations, territory  # noqa: F401

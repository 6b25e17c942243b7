"""The residents admin, a module per topic; importing them registers their ModelAdmins."""

from residents.admin import access, facilities, households, problems  # noqa: F401

"""The assessment admin, a module per topic; importing them registers their ModelAdmins."""

from assessment.admin import results, schemes, weak  # noqa: F401

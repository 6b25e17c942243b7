"""The assessment admin, a module per topic; importing them registers their ModelAdmins."""

from assessment.admin import appraisals, results, schemes, targets, weak  # noqa: F401

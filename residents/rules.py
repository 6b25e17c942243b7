"""Figures of the residents area, admin-editable, with common values."""

from django.utils.translation import gettext_lazy as _

from policies.registry import define

PROBLEM_DUE_SOON_DAYS = define(
    "residents.problem_due_soon_days",
    2,
    _("Remind of a residents' problem this many days before its deadline"),
    minimum=0,
)
PROBLEM_PHOTO_MAX_MB = define(
    "residents.problem_photo_max_mb",
    10,
    _("Largest photo of a residents' problem (MB)"),
    minimum=1,
    maximum=50,
)

"""Figures of the residents area, admin-editable, with common values as defaults."""

from django.utils.translation import gettext_lazy as _

from policies.registry import define

PAIRING_NO_VISIT_DAYS = define(
    "residents.pairing_no_visit_days",
    60,
    _("Remind of a pairing with a household in need that has had no visit for this many days"),
    minimum=1,
)
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
HOUSEHOLD_VISIT_DAYS = define(
    "residents.household_visit_days",
    30,
    _(
        "A household with a resident in need is due a household visit when its last visit is "
        "this many days ago, or it has had none"
    ),
    minimum=1,
)

"""Figures of the residents area, admin-editable, with common values as defaults."""

from django.utils.translation import gettext_lazy as _

from policies.registry import define

PAIRING_NO_VISIT_DAYS = define(
    "residents.pairing_no_visit_days",
    60,
    _("Remind of a pairing with a household in need that has had no visit for this many days"),
    minimum=1,
)

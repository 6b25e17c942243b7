"""Figures from the branch work regulations (2018), kept as admin-editable data."""

from django.utils.translation import gettext_lazy as _

from policies.registry import define

BRANCH_MIN_FULL_MEMBERS = define(
    "branch.min_full_members", 3, _("Full members a branch needs at least"), minimum=1
)
BRANCH_COMMITTEE_THRESHOLD = define(
    "branch.committee_from_full_members",
    7,
    _("Full members from which a branch elects a committee"),
    minimum=1,
)
BRANCH_COMMITTEE_MIN_SEATS = define(
    "branch.committee_min_seats", 3, _("Smallest branch committee"), minimum=1
)
BRANCH_COMMITTEE_MAX_SEATS = define(
    "branch.committee_max_seats", 7, _("Largest branch committee"), minimum=1
)
COMMITTEE_MIN_SEATS = define(
    "committee.min_seats", 3, _("Smallest committee of a general branch or higher"), minimum=1
)
COMMITTEE_MAX_SEATS = define(
    "committee.max_seats", 15, _("Largest committee of a general branch or higher"), minimum=1
)
REMIND_TERM_DAYS = define(
    "reminders.term_ending_days",
    90,
    _("Remind of a committee term ending this many days ahead"),
    minimum=1,
)

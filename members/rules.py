"""Figures from the member development rules (2014), the dues rules (2008) and the member
education rules (2019), kept as admin-editable data with the published values as defaults."""

from django.utils.translation import gettext_lazy as _

from policies.registry import define

APPLICANT_MIN_AGE = define(
    "development.applicant_min_age", 18, _("Minimum age of an applicant"), minimum=14
)
# "within 1 month" (member development rules, 2014): a calendar month, not 30 days
TALK_WITHIN_MONTHS = define(
    "development.talk_within_months",
    1,
    _("Months within which the branch talks with an applicant"),
    minimum=1,
)
SPONSORS_MIN = define("development.sponsors_min", 1, _("Fewest sponsors of an activist"), minimum=1)
SPONSORS_MAX = define("development.sponsors_max", 2, _("Most sponsors of an activist"), minimum=1)
ACTIVIST_REVIEW_MONTHS = define(
    "development.activist_review_months", 6, _("Months between reviews of an activist"), minimum=1
)
ACTIVIST_MIN_MONTHS = define(
    "development.activist_min_months",
    12,
    _("Months of training as activist before becoming a development candidate"),
    minimum=1,
)
CANDIDATE_TRAINING_DAYS = define(
    "development.candidate_training_days",
    3,
    _("Days of concentrated training of a candidate"),
    minimum=1,
)
CANDIDATE_TRAINING_HOURS = define(
    "development.candidate_training_hours",
    24,
    _("Class hours of concentrated training of a candidate"),
    minimum=1,
)
APPROVAL_WITHIN_MONTHS = define(
    "development.approval_within_months",
    3,
    _("Months within which the higher committee approves an admission"),
    minimum=1,
)
PROBATION_MONTHS = define("development.probation_months", 12, _("Months of probation"), minimum=1)
EXTENSION_MIN_MONTHS = define(
    "development.extension_min_months", 6, _("Shortest extension of probation (months)"), minimum=1
)
EXTENSION_MAX_MONTHS = define(
    "development.extension_max_months", 12, _("Longest extension of probation (months)"), minimum=1
)
DUES_MAKE_UP_MONTHS = define(
    "dues.make_up_months", 6, _("Months within which unpaid dues may be made up"), minimum=1
)
TRAINING_HOURS_MEMBER = define(
    "training.hours_per_year_member",
    32,
    _("Class hours of training a year for every member"),
    minimum=1,
)
TRAINING_HOURS_CADRE = define(
    "training.hours_per_year_cadre",
    56,
    _("Class hours of training a year for branch secretaries and committee members"),
    minimum=1,
)

# Mobile members and relation transfers (no national figure was found for the permit: 1 year)
PERMIT_VALIDITY_MONTHS = define(
    "mobile.permit_validity_months",
    12,
    _("Months a mobile member's activity permit is valid"),
    minimum=1,
)
TRANSFER_THRESHOLD_MONTHS = define(
    "mobile.transfer_after_months",
    6,
    _("Months away at a fixed place after which the membership should be transferred"),
    minimum=1,
)
DRIFTING_MONTHS = define(
    "mobile.drifting_months",
    6,
    _("Months without contact, organizational life and dues that make a case to look at"),
    minimum=1,
)
LETTER_VALIDITY_MONTHS = define(
    "transfer.letter_validity_months",
    3,
    _("Months a transfer letter is valid by default"),
    minimum=1,
)

# Reminders: how far ahead and after how long (days)
REMIND_PROBATION_DAYS = define(
    "reminders.probation_ending_days",
    30,
    _("Remind of a probation ending this many days ahead"),
    minimum=1,
)
REMIND_LETTER_DAYS = define(
    "reminders.letter_expiring_days",
    7,
    _("Remind of a transfer letter expiring this many days ahead"),
    minimum=1,
)
REMIND_INCOMING_DAYS = define(
    "reminders.incoming_unconfirmed_days",
    7,
    _("Remind of an incoming transfer not confirmed after this many days"),
    minimum=1,
)
REMIND_CONTACT_DAYS = define(
    "reminders.mobile_not_contacted_days",
    90,
    _("Remind of a mobile member not contacted for this many days"),
    minimum=1,
)
REMIND_PERMIT_DAYS = define(
    "reminders.permit_expiring_days",
    30,
    _("Remind of an activity permit expiring this many days ahead"),
    minimum=1,
)

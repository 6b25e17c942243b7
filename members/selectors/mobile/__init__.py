"""Read queries of mobile members: records in scope, the census figures, and the lists the
secretary acts on. Nothing here decides anything: every figure is a list to look at.

Semantics (the same on the census, the lists, the API and the reminders):
- The contact clock of an open record is the day of its latest contact that reached the
  member (an attempt that did not reach them does not count), or the day they went away.
  "Not contacted for N days" (N = REMIND_CONTACT_DAYS) holds from the day the clock is N days
  old: contacted 89 days ago is not listed, 90 days ago is.
- A permit is valid through its "valid until" day: expired from the day after; "expiring"
  when that day is within REMIND_PERMIT_DAYS from today (today included).
- "Should transfer": at a fixed place and away TRANSFER_THRESHOLD_MONTHS or more (away since
  that many months ago to the day, or earlier), in either direction.
- "Drifting": a member on the roll of the scope, a member since DRIFTING_MONTHS at least,
  with no sign of organized life since the day DRIFTING_MONTHS ago (a sign on that very day
  is as old as the rule: listed). Signs are kept in a small registry: a reached contact, a
  training attended, dues paid; the activities app adds its attendance with
  ``register_life_sign`` from its ``ready()``.
- "Pocket member" cases: outgoing transfers to an outside organization whose letter expired
  with no receipt returned.
"""

from members.selectors.mobile.census import (
    CENSUS_KINDS,
    Census,
    OrganizationRow,
    census_for,
    census_organizations_for,
    may_record_mobile,
    pocket_transfers_for,
)
from members.selectors.mobile.records import (
    Thresholds,
    below,
    contacted_by_organization,
    contacts_of,
    get_mobile_record_for_user,
    manageable_mobile_records_for,
    mobile_records_for,
    mobile_records_with_log_for,
    no_permit_q,
    not_contacted_q,
    permit_expired_q,
    permit_expiring_q,
    renewals_of,
    should_transfer_q,
    thresholds,
    visible_mobile_records_for,
    with_contact_clock,
)
from members.selectors.mobile.signs import (
    LifeSign,
    drifting_members_for,
    life_signs,
    register_life_sign,
    with_life_signs,
)

__all__ = [
    "CENSUS_KINDS",
    "Census",
    "LifeSign",
    "OrganizationRow",
    "Thresholds",
    "below",
    "census_for",
    "contacted_by_organization",
    "contacts_of",
    "census_organizations_for",
    "drifting_members_for",
    "get_mobile_record_for_user",
    "life_signs",
    "manageable_mobile_records_for",
    "may_record_mobile",
    "mobile_records_for",
    "mobile_records_with_log_for",
    "no_permit_q",
    "not_contacted_q",
    "permit_expired_q",
    "permit_expiring_q",
    "pocket_transfers_for",
    "register_life_sign",
    "renewals_of",
    "should_transfer_q",
    "thresholds",
    "visible_mobile_records_for",
    "with_contact_clock",
    "with_life_signs",
]

"""Writes of mobile members 流动党员: records, activity permits and the contact log.

Decisions where the rules are silent:
- An outgoing record is for a member on the roll of an organization the actor manages; the
  member's organization is responsible for it. An incoming record names the person and the
  organization holding the membership; the responsible organization is the branch (general
  branch, community committee) where they live or take part, one the actor manages.
- A record has one permit: it is issued once, then renewed (a renewal may carry the number of
  a replacement permit). Without a date given, a permit is valid PERMIT_VALIDITY_MONTHS from
  the day of issue or renewal, and a renewal must reach beyond the current validity.
- Contacts are dated from the day the member went away up to today; an attempt that did not
  reach the member is logged with ``reached=False`` and does not count as contact.
- An ended record (returned, transferred, left) takes no contact, permit or change: nothing
  else happens automatically (a transfer is made through the transfer pages).
"""

from members.services.mobile.common import permit_default_until
from members.services.mobile.contacts import contact_record
from members.services.mobile.permits import permit_issue, permit_renew
from members.services.mobile.records import (
    EDITABLE_FIELDS,
    PERSON_FIELDS,
    mobile_record_create,
    mobile_record_end,
    mobile_record_update,
)

__all__ = [
    "EDITABLE_FIELDS",
    "PERSON_FIELDS",
    "contact_record",
    "mobile_record_create",
    "mobile_record_end",
    "mobile_record_update",
    "permit_default_until",
    "permit_issue",
    "permit_renew",
]

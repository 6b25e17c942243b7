"""What each demo organization leaves out (the gaps the compliance calendar shows red) and
the one exemption of a street."""

import datetime
from dataclasses import dataclass, field

from activities.demo.base import Cast
from activities.models import Frequency
from activities.periods import period_of
from members.dates import add_months

# Positions (among the street's branches and general branches) with something to show.
EXEMPT = 4
READING = 2


@dataclass
class Gaps:
    """What an organization leaves out: ``(type code, periods back)``, 0 being the current."""

    skip: set[tuple[str, int]] = field(default_factory=set)
    exempt_until: datetime.date | None = None
    reading: bool = False
    yearly_in_december: bool = False
    secretary_late: bool = False


def gaps_of_branch(i: int) -> Gaps:
    gaps = Gaps(reading=i == READING, yearly_in_december=i % 3 == 2, secretary_late=i % 10 == 7)
    if i == 0:  # the demo secretary's branch: one red month, this month's committee pending
        gaps.skip |= {("themed_party_day", 2), ("committee_meeting", 0)}
    if i % 7 == 3:
        gaps.skip.add(("themed_party_day", 1 + i % 5))
    if i % 9 == 5:
        gaps.skip.add(("branch_general_meeting", 1))
    if i % 12 == 8:
        gaps.skip.add(("party_lesson", 1))
    if i % 9 == 7:  # not given yet this quarter: reminded in its last days
        gaps.skip.add(("party_lesson", 0))
    if i % 11 == 6:
        gaps.skip.add(("committee_meeting", 3))
    if i % 8 == 2:
        gaps.skip.add(("themed_party_day", 0))
    if i % 6 == 3:
        gaps.skip.add(("committee_meeting", 0))
    return gaps


def gaps_of_committee(c: int) -> Gaps:
    gaps = Gaps(secretary_late=c == 4)
    if c == 3:
        gaps.skip.add(("party_lesson", 1))
    if c == 5:
        gaps.skip.add(("committee_meeting", 1))
    return gaps


def gaps_of_group(j: int) -> Gaps:
    gaps = Gaps()
    if j % 4 == 1:
        gaps.skip.add(("party_group_meeting", 1))
    if j % 5 == 2:
        gaps.skip.add(("party_group_meeting", 0))
    return gaps


def exemption_window(cast: Cast) -> tuple[datetime.date, datetime.date]:
    """Two whole quarters from the quarter the demo year starts in."""
    start = period_of(cast.window_start, Frequency.QUARTER).start
    return start, add_months(start, 6) - datetime.timedelta(days=1)

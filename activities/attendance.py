"""Attendance figures of activities, with the rule for mobile members: a member who is away
(an open outgoing mobile record on the day) is left out of the expected attendance unless
they attended. One query for any number of activities."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from activities.models import Attendance, AttendanceStatus
from members.models import MobileMember
from members.models.mobile import MobileDirection


@dataclass(frozen=True)
class AttendanceCounts:
    present: int = 0
    leave: int = 0  # absent with leave, not away
    absent: int = 0  # absent without leave, not away
    away: int = 0  # absent while away as a mobile member: not expected

    @property
    def expected(self) -> int:
        return self.present + self.leave + self.absent

    @property
    def rate(self) -> float | None:
        """Share of the expected who were present, 0–1; None when nobody was expected."""
        return self.present / self.expected if self.expected else None

    def __add__(self, other: "AttendanceCounts") -> "AttendanceCounts":
        return AttendanceCounts(
            self.present + other.present,
            self.leave + other.leave,
            self.absent + other.absent,
            self.away + other.away,
        )


def away_at_activity() -> Exists:
    """For an Attendance row: was its member away as a mobile member on the activity's day?"""
    day = OuterRef("activity__held_on")
    return Exists(
        MobileMember.objects.filter(
            member_id=OuterRef("member_id"),
            direction=MobileDirection.OUTGOING,
            away_since__lte=day,
        ).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    )


def _counts_by(activities: QuerySet | list[int], key: str) -> dict[int, AttendanceCounts]:
    rows = (
        Attendance.objects.filter(activity_id__in=activities)
        .annotate(away=away_at_activity())
        .order_by()
        .values(key)
        .annotate(
            present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)),
            leave=Count("pk", filter=Q(status=AttendanceStatus.LEAVE, away=False)),
            absent=Count("pk", filter=Q(status=AttendanceStatus.ABSENT, away=False)),
            away_count=Count("pk", filter=~Q(status=AttendanceStatus.PRESENT) & Q(away=True)),
        )
    )
    return {
        row[key]: AttendanceCounts(row["present"], row["leave"], row["absent"], row["away_count"])
        for row in rows
    }


def attendance_counts(activities: QuerySet | list[int]) -> dict[int, AttendanceCounts]:
    """``{activity_id: AttendanceCounts}`` for the given activities (a queryset or ids)."""
    return _counts_by(activities, "activity_id")


def attendance_counts_by_organization(
    activities: QuerySet | list[int],
) -> dict[int, AttendanceCounts]:
    """``{organization_id: AttendanceCounts}`` summed over the given activities of each
    organization (a queryset or ids). One query for any number of organizations."""
    return _counts_by(activities, "activity__organization_id")


def total(counts) -> AttendanceCounts:
    result = AttendanceCounts()
    for item in counts:
        result = result + item
    return result

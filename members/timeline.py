"""A member's timeline: stages, dues and training here; later apps (transfers, activities)
add their events with ``register(provider)`` from their ``apps.py`` ``ready()``.

A provider is ``provider(member) -> list[Event]`` costing a fixed number of queries."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from members.models import DevelopmentRecord, DuesRecord, Member, TrainingAttendance


@dataclass(frozen=True)
class Event:
    on: datetime.date
    kind: str  # "stage", "dues", "training", … (used for the icon)
    title: str
    detail: str = ""


Provider = Callable[[Member], list[Event]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def _stages(member: Member) -> list[Event]:
    events = [Event(member.joined_on, "stage", _("Joined the party (probationary member)"))]
    if member.full_member_on:
        events.append(Event(member.full_member_on, "stage", _("Became a full member")))
    if member.left_on:
        events.append(Event(member.left_on, "stage", _("Left the roll"), member.left_reason))
    record = DevelopmentRecord.objects.filter(member=member).first()
    if record is not None:
        steps = [
            (record.applied_on, _("Applied to join the party")),
            (record.talked_on, _("Talk with the branch")),
            (record.activist_on, _("Became an activist")),
            (record.candidate_on, _("Became a development candidate")),
            (record.political_review_on, _("Political review passed")),
            (record.admitted_on, _("Admitted by the branch general meeting")),
            (record.approved_on, _("Admission approved by the higher committee")),
        ]
        events += [Event(day, "stage", title) for day, title in steps if day]
        if record.extended_until:
            events.append(
                Event(
                    record.probation_ends_on or record.extended_until,
                    "stage",
                    _("Probation extended"),
                    _("until %(day)s") % {"day": record.extended_until.isoformat()},
                )
            )
    return events


def _dues(member: Member) -> list[Event]:
    events = []
    for record in DuesRecord.objects.filter(member=member, paid_on__isnull=False).order_by(
        "-month"
    )[:24]:
        late = record.paid_on >= _next_month(record.month)
        events.append(
            Event(
                record.paid_on,
                "dues",
                _("Dues for %(month)s paid") % {"month": record.month.strftime("%Y-%m")},
                _("%(amount)s yuan, made up late") % {"amount": record.paid}
                if late
                else _("%(amount)s yuan") % {"amount": record.paid},
            )
        )
    return events


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _training(member: Member) -> list[Event]:
    attendance = (
        TrainingAttendance.objects.filter(member=member)
        .select_related("session__course")
        .order_by("-session__held_on")[:50]
    )
    return [
        Event(
            a.session.held_on,
            "training",
            a.session.course.title,
            _("%(topic)s, %(hours)s class hours") % {"topic": a.session.topic, "hours": a.hours},
        )
        for a in attendance
    ]


register(_stages)
register(_dues)
register(_training)


def member_timeline(member: Member) -> list[Event]:
    events: list[Event] = []
    for provider in _providers:
        events += provider(member)
    return sorted(events, key=lambda e: e.on, reverse=True)

"""Responsibility letters for the tests: the street's letter with community 1, the
community's with branches A and B, and a cadre's letter for branch A's secretary, in 2026;
the tests run on TODAY (2026-06-10)."""

import datetime

from django.utils import timezone

from assessment.models import LetterState, ResponsibilityLetter, TargetItem

D = datetime.date
TODAY = "2026-06-10 10:00 +08:00"
TODAY_DATE = D(2026, 6, 10)


def letter(
    organization, *, year=2026, cadre=None, state=LetterState.DRAFT, title=""
) -> ResponsibilityLetter:
    return ResponsibilityLetter.objects.create(
        organization=organization,
        issued_by=organization.parent,
        cadre=cadre,
        year=year,
        title=title or f"{year}年度{organization.name}目标责任书",
        state=state,
        signed_on=D(year, 1, 10) if state != LetterState.DRAFT else None,
    )


def item(letter_, text, deadline, *, owner=None, owner_name="书记", done_by=None, order=0):
    return TargetItem.objects.create(
        letter=letter_,
        text=text,
        deadline=deadline,
        owner=owner,
        owner_name="" if owner else owner_name,
        evidence="会议记录已归档" if done_by else "",
        done_at=timezone.now() if done_by else None,
        done_by=done_by,
        order=order,
    )


def signed_with_items(organization, done_by=None) -> ResponsibilityLetter:
    """A signed letter with three items: one done, one overdue (on TODAY), one due in July."""
    signed = letter(organization, state=LetterState.SIGNED)
    item(signed, "按期召开组织生活会", D(2026, 3, 31), done_by=done_by, order=1)
    item(signed, "完成党员发展计划", D(2026, 5, 31), order=2)
    item(signed, "党费按月收缴", D(2026, 7, 31), order=3)
    return signed

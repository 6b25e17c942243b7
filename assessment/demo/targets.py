"""The demo responsibility letters of a street (a step of ``seed_assessment``), for this
year, dated from today so that the demo works on any day:

- the street's letter with each community committee, and one with each community's secretary
  for their post;
- each community's letter with each branch (and general branch) directly under it.

Every letter is signed; its targets fall due around today: some done with evidence, one per
community letter overdue and one due within the reminder's 14 days, and the branches' in turn
(one in three with a target due soon, one in four overdue). The rows are checked with the
models' checks and written in bulk. A street whose letters of this year exist is left alone,
so running the seeding again writes nothing."""

import datetime

from django.db import transaction
from django.utils import timezone

from assessment.models import LetterState, ResponsibilityLetter, TargetItem
from assessment.models.targets import deadline_bounds
from organizations.models import Organization, OrgKind, Post, Role

DUE_SOON_DAYS = 10  # within the reminder's 14 days
OVERDUE_DAYS = 5

# text, days from today to the deadline (None: the year's end), done, evidence
COMMUNITY_TARGETS = [
    (
        "完成社区党委年度党建工作计划并报街道党工委备案",
        -60,
        True,
        "计划已于年初党委会审议通过，报街道备案。",
    ),
    ("“三会一课”按期召开率达到100%", -30, True, "会议记录、签到表已归档，季度自查无缺项。"),
    ("党费按月足额收缴并按时上缴", -OVERDUE_DAYS, False, ""),
    ("完成年度发展党员计划", DUE_SOON_DAYS, False, ""),
    ("开展年度党建工作述职评议", None, False, ""),
]
CADRE_TARGETS = [
    ("履行党建工作第一责任人职责，带头讲党课不少于1次", -20, True, "已为全体党员讲授专题党课。"),
    ("每季度走访辖区驻区单位和“两新”组织", None, False, ""),
]
BRANCH_TARGETS = [
    ("每月开展主题党日活动", -45, True, "活动照片、记录已上传系统。"),
    ("党员参加组织生活率不低于90%", None, False, ""),
]
BRANCH_DUE_SOON = ("组织党员开展志愿服务", DUE_SOON_DAYS)
BRANCH_OVERDUE = ("召开年度组织生活会和民主评议党员", -OVERDUE_DAYS)


def _holder(organization: Organization, role: str):
    return (
        Post.objects.filter(organization=organization, role=role, ended_on__isnull=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )


def _deadline(today: datetime.date, days: int | None) -> datetime.date | None:
    """The day ``days`` from today within the letter's year (None: it does not fit)."""
    first, last = deadline_bounds(today.year)
    day = datetime.date(today.year, 12, 31) if days is None else today + datetime.timedelta(days)
    return day if first <= day <= last else None


class _Batch:
    """Letters and their items, checked as the services check them, written in bulk."""

    def __init__(self, today: datetime.date):
        self.today = today
        self.letters: list[ResponsibilityLetter] = []
        self.items: list[tuple[int, TargetItem]] = []

    def letter(self, organization, issued_by, created_by, title, cadre=None, owner=None):
        letter = ResponsibilityLetter(
            organization=organization,
            issued_by=issued_by,
            cadre=cadre,
            year=self.today.year,
            title=title,
            state=LetterState.SIGNED,
            signed_on=min(datetime.date(self.today.year, 1, 15), self.today),
            created_by=created_by,
        )
        letter.full_clean(validate_constraints=False)
        self.letters.append(letter)
        return letter

    def item(self, letter, order, text, days, done_by=None, evidence="", owner=None):
        deadline = _deadline(self.today, days)
        if deadline is None:
            return  # in the first days of a year, the targets of the past do not fit
        if deadline > self.today:
            done_by, evidence = None, ""  # done only once its day has come
        done_at = None
        if done_by is not None:
            day = max(deadline - datetime.timedelta(days=3), datetime.date(self.today.year, 1, 1))
            done_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
        item = TargetItem(
            letter=letter,
            order=order,
            text=text,
            deadline=deadline,
            owner=owner,
            owner_name="" if owner else "书记",
            evidence=evidence,
            done_at=done_at,
            done_by=done_by,
        )
        item.full_clean(exclude=["letter"])
        self.items.append((len(self.letters) - 1, item))

    def save(self) -> None:
        ResponsibilityLetter.objects.bulk_create(self.letters)
        for index, item in self.items:
            item.letter = self.letters[index]
        TargetItem.objects.bulk_create(item for _index, item in self.items)


def _targets(batch, letter, rows, done_by, owner=None) -> None:
    for order, (text, days, done, evidence) in enumerate(rows, start=1):
        batch.item(letter, order, text, days, done_by if done else None, evidence, owner)


def _branches(tree, community) -> list[Organization]:
    kinds = (OrgKind.BRANCH, OrgKind.GENERAL_BRANCH)
    return [o for o in tree.organizations if o.parent_id == community.pk and o.kind in kinds]


def seed_targets(ctx) -> None:
    """This year's letters of the street (``ctx`` is the SeedContext of ``seed_demo``)."""
    street = ctx.tree.street_committee
    year = ctx.today.year
    if ResponsibilityLetter.objects.filter(issued_by=street, year=year).exists():
        return
    street_staff = _holder(street, Role.STAFF)
    batch = _Batch(ctx.today)
    for community in ctx.tree.community_committees:
        secretary = _holder(community, Role.SECRETARY)
        staff = _holder(community, Role.STAFF) or secretary
        by = street_staff.user if street_staff else None
        letter = batch.letter(
            community, street, by, f"{year}年度{community.name}党建工作目标责任书"
        )
        _targets(batch, letter, COMMUNITY_TARGETS, staff.user if staff else None)
        if secretary is not None:
            cadre = batch.letter(
                community,
                street,
                by,
                f"{year}年度{community.name}党委书记抓党建目标责任书",
                cadre=secretary,
            )
            _targets(batch, cadre, CADRE_TARGETS, secretary.user, owner=secretary.user)
        for index, branch in enumerate(_branches(ctx.tree, community)):
            branch_secretary = _holder(branch, Role.SECRETARY)
            owner = branch_secretary.user if branch_secretary else None
            letter = batch.letter(
                branch,
                community,
                staff.user if staff else None,
                f"{year}年度{branch.name}目标责任书",
            )
            _targets(batch, letter, BRANCH_TARGETS, owner)
            order = len(BRANCH_TARGETS)
            if index % 3 == 0:
                batch.item(letter, order + 1, *BRANCH_DUE_SOON, owner=owner)
            if index % 4 == 1:
                batch.item(letter, order + 2, *BRANCH_OVERDUE, owner=owner)
    with transaction.atomic():
        batch.save()

"""Demo residents' problems of one street: a few hundred in its grid cells, reported over the
last 60 days before the seeding day, in every state with the steps that lead there (some
overdue, some escalated to the community or the street, some reopened, some merged), each
entered by the cell's grid worker (or the branch's secretary), resolved by its assignee.
Written in bulk; the same street gets the same problems (seeded by its index)."""

import datetime
import random

from django.utils import timezone

from grid.models import GridWorkerAssignment
from organizations.models import Post
from residents.models.problems import (
    Problem,
    ProblemCategory,
    ProblemEvent,
    ensure_problem_categories,
)

PER_STREET = 300
TEXTS = {
    "employment": ["下岗职工希望介绍工作", "高校毕业生求职咨询", "灵活就业人员社保咨询"],
    "living_difficulty": ["独居老人生活不便", "困难家庭申请救助", "残疾人出行困难"],
    "public_security": ["楼道门禁损坏", "小区夜间照明不足", "电动车楼道充电隐患"],
    "environment": ["楼道堆放杂物", "垃圾清运不及时", "绿化带杂草丛生"],
    "neighbourhood_dispute": ["楼上漏水影响楼下", "噪音扰民", "公共区域占用纠纷"],
    "other": ["咨询政策", "建议增设健身器材", "反映停车难"],
}
# final state -> its actions in order (the states follow from the actions)
PATHS = {
    "reported": ["reported"],
    "assigned": ["reported", "assigned"],
    "in_progress": ["reported", "assigned", "started"],
    "resolved": ["reported", "assigned", "started", "resolved"],
    "confirmed": ["reported", "assigned", "started", "resolved", "confirmed"],
    "reopened": ["reported", "assigned", "started", "resolved", "reopened"],
    "escalated": ["reported", "assigned", "auto_escalated"],
    "merged": ["reported", "merged"],
}
AFTER = {
    "reported": "reported",
    "assigned": "assigned",
    "started": "in_progress",
    "resolved": "resolved",
    "confirmed": "confirmed",
    "reopened": "reopened",
    "auto_escalated": "escalated",
    "merged": "merged",
}
WEIGHTS = {
    "confirmed": 40,
    "resolved": 10,
    "in_progress": 12,
    "assigned": 10,
    "reported": 10,
    "escalated": 8,
    "reopened": 5,
    "merged": 5,
}


def _people(ctx) -> dict[int, int]:
    """A user id per grid cell: its grid worker, else the branch's post holder."""
    cells = [cell.pk for cell in ctx.territory.cells]
    people = dict(
        GridWorkerAssignment.objects.filter(grid_cell_id__in=cells).values_list(
            "grid_cell_id", "user_id"
        )
    )
    for cell_id, user_id in Post.objects.filter(
        organization__grid_cell_id__in=cells, user__isnull=False
    ).values_list("organization__grid_cell_id", "user_id"):
        people.setdefault(cell_id, user_id)
    return people


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def seed_problems(ctx) -> None:
    ensure_problem_categories()
    rng = random.Random(f"problems-{ctx.index}")
    categories = list(ProblemCategory.objects.filter(active=True))
    people = _people(ctx)
    cells = [cell for cell in ctx.territory.cells if cell.pk in people]
    if not cells or not categories:
        return
    tree = ctx.tree
    community_of = {c.community_id: c for c in tree.community_committees}
    branch_of = {b.grid_cell_id: b for b in tree.grid_branches}
    states, weights = zip(*WEIGHTS.items(), strict=True)
    plans = []
    for _ in range(PER_STREET):
        cell = rng.choice(cells)
        category = rng.choice(categories)
        state = rng.choices(states, weights)[0]
        reported = ctx.today - datetime.timedelta(days=rng.randint(0, 60))
        plans.append((cell, category, state, reported))
    problems = []
    for cell, category, state, reported in plans:
        due = reported + datetime.timedelta(days=category.deadline_days)
        level, organization = "grid", branch_of.get(cell.pk)
        if state == "escalated" and rng.random() < 0.4:
            # escalated to the street after the community's deadline: may be overdue there
            due = reported + datetime.timedelta(days=2 * category.deadline_days + 2)
            level, organization = "street", tree.street_committee
        elif state == "escalated":
            escalated_on = min(due + datetime.timedelta(days=1), ctx.today)
            due = escalated_on + datetime.timedelta(days=category.deadline_days)
            level, organization = "community", community_of.get(cell.community_id)
        user = people[cell.pk]
        problems.append(
            Problem(
                grid_cell=cell,
                category=category,
                channel=rng.choice(["visit", "phone", "walk_in"]),
                reporter_id=user,
                resident_name=rng.choice("王李张刘陈杨赵黄")
                + rng.choice(["大爷", "阿姨", "女士", "先生"]),
                resident_phone=f"139{rng.randint(0, 99999999):08d}",
                description=rng.choice(TEXTS.get(category.code, TEXTS["other"])),
                reported_on=reported,
                state=state,
                level=level,
                organization=organization,
                assignee_id=user if state not in ("reported", "escalated", "merged") else None,
                due_on=due,
                resolution="已上门处理并回访"
                if state in ("resolved", "confirmed", "reopened")
                else "",
                satisfaction={
                    "confirmed": rng.choice(["satisfied", "basically"]),
                    "reopened": "not_satisfied",
                }.get(state, ""),
            )
        )
    Problem.objects.bulk_create(problems, batch_size=500)
    _merge(problems)
    ProblemEvent.objects.bulk_create(_events(problems, ctx.today), batch_size=1000)


def _merge(problems) -> None:
    """Each merged problem points at an earlier problem of its community that was kept."""
    kept = {}
    for problem in problems:
        if problem.state != "merged":
            kept.setdefault(problem.grid_cell.community_id, problem)
    merged = []
    for problem in problems:
        original = kept.get(problem.grid_cell.community_id)
        if problem.state == "merged" and original is not None:
            problem.merged_into = original
            merged.append(problem)
        elif problem.state == "merged":
            problem.state = "reported"
            merged.append(problem)
    Problem.objects.bulk_update(merged, ["merged_into", "state"], batch_size=500)


def _events(problems, today) -> list[ProblemEvent]:
    events = []
    for problem in problems:
        before = ""
        actions = PATHS[problem.state]
        if problem.state == "escalated" and problem.level == "street":
            actions = [*actions, "auto_escalated"]  # grid → community → street
        escalations = 0
        for step, action in enumerate(actions):
            day = min(problem.reported_on + datetime.timedelta(days=step), today)
            state = AFTER[action]
            note = problem.resolution if action == "resolved" else ""
            if action == "auto_escalated":
                escalations += 1
                days = escalations * (problem.category.deadline_days + 1)
                day = min(problem.reported_on + datetime.timedelta(days=days), today)
            events.append(
                ProblemEvent(
                    problem=problem,
                    action=action,
                    state_before=before,
                    state_after=state,
                    by_id=None if action == "auto_escalated" else problem.reporter_id,
                    at=_moment(day, 9 + step),
                    note=note,
                )
            )
            before = state
    return events

"""The residents' problems part of the access matrix's world: a problem per branch's grid
cell with a step and a photo, each carrying its scope's token (the resident's name and phone
are that scope's secrets)."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from residents.models import (
    Problem,
    ProblemCategory,
    ProblemEvent,
    ProblemPhoto,
    ResidentDataAccess,
)
from residents.models.problems import ensure_problem_categories

PHONES = {"ZQA": "13700000001", "ZQB": "13700000002", "ZQC": "13700000003", "ZQD": "13700000004"}


def branch_problem(world, token, org, holder, png: bytes) -> Problem:
    ensure_problem_categories()
    problem = Problem.objects.create(
        grid_cell=org.grid_cell,
        category=ProblemCategory.objects.get(code="environment"),
        channel="visit",
        reporter=holder,
        resident_name=f"{token}居民",
        resident_phone=PHONES[token],
        description=f"{token}楼道杂物",
        reported_on=datetime.date(2026, 11, 20),
        due_on=datetime.date(2026, 11, 25),
        organization=org,
    )
    ProblemEvent.objects.create(
        problem=problem,
        action="reported",
        state_after="reported",
        by=holder,
        at=timezone.now(),
        note=f"{token}上门走访",
    )
    photo = ProblemPhoto(
        problem=problem,
        content_type="image/png",
        original_name=f"{token}.png",
        size=len(png),
        uploaded_by=holder,
    )
    photo.file.save("photo.png", ContentFile(png), save=False)
    photo.save()
    access = ResidentDataAccess.objects.create(
        user=holder, problem=problem, fields="phone", channel="page"
    )
    world.put(token, problem, photo, access)
    world.secrets.setdefault(token, set()).add(PHONES[token])
    return problem

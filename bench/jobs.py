"""The benchmark's work inside Django, one job per process: ``python -m bench.jobs <job>``
with ``DATABASE_URL`` pointing at a dataset. Each job prints one line of JSON on stdout (its
seconds, its process's peak memory and what it did), which ``bench.run`` reads. Running each
in its own process keeps the harness free of Django and gives each job its own peak RSS.

Jobs that would change the dataset (the import) roll their writes back, so that a dataset
stays the same from run to run."""

import datetime
import io
import json
import random
import resource
import sys
import time

MAX_STREET_SLOT = 499  # members.demo.people.MAX_STREETS: a slot no dataset's street uses


def _setup() -> None:
    import django

    django.setup()


def peak_rss_mb() -> float:
    """This process's peak resident set size (ru_maxrss is in kilobytes on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def targets() -> dict:
    """The URLs of the measured pages on this dataset, and who opens each."""
    from django.urls import NoReverseMatch, reverse

    from assessment.models import Scheme
    from members.models import Member
    from organizations.models import Organization

    branch = Organization.objects.filter(posts__user__username="secretary").first()
    member = Member.objects.filter(organization=branch).order_by("pk").first()
    street = Organization.objects.filter(posts__user__username="street").first()
    street_members = Member.objects.filter(
        organization__street_id=street.street_id if street else None, status="full"
    ).count()
    deep_page = max(1, (street_members + 49) // 50 - 1)  # the list's PAGE_SIZE is 50
    scheme = Scheme.objects.filter(organization=street).order_by("-pk").first() if street else None

    def optional(name: str, *args) -> str | None:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:  # a page that has not landed yet
            return None

    return {
        "trivial": ("secretary", "/favicon.ico"),
        "admin_member_changelist": ("admin", "/admin/members/member/"),
        "secretary_home": ("secretary", "/"),
        "member_list": ("street", reverse("members:list") + "?status=full"),
        "member_list_deep": ("street", reverse("members:list") + f"?status=full&page={deep_page}"),
        "member_detail": ("secretary", reverse("members:detail", args=[member.pk])),
        "activity_list": ("secretary", reverse("activities:activity_list")),
        "review_queue": ("community", reverse("activities:review_queue")),
        "compliance": ("community", reverse("activities:compliance")),
        "street_home": ("street", "/"),
        "mobile_census": ("street", reverse("members:mobile_census")),
        "api_members": ("street", "/api/members/"),
        "api_activities": ("street", "/api/activities/"),
        "api_transfers": ("street", "/api/transfers/"),
        "grid_map": ("street", optional("grid:map_data")),
        "assessment_results": (
            "street",
            optional("assessment:ranking", scheme.pk) if scheme else None,
        ),
    }


def sweep() -> dict:
    """The daily reminder sweep as the Celery worker runs it (the task, through the Celery
    app), in this process, whose peak RSS stands for the worker's."""
    from config.celery import app  # noqa: F401  (the worker's app, loaded as the worker does)
    from reminders.models import Reminder
    from reminders.tasks import sweep as sweep_task

    before = Reminder.objects.count()
    started = time.perf_counter()
    result = sweep_task.apply()
    seconds = time.perf_counter() - started
    if result.failed():
        raise RuntimeError(f"the sweep failed: {result.result!r}")
    return {"seconds": seconds, "created": Reminder.objects.count() - before}


def member_workbook(rows: int, *, branch, cell_code: str, today: datetime.date) -> bytes:
    """An .xlsx in the import's columns with ``rows`` new members of ``branch``."""
    from members.demo.people import IdNumbers, make_person
    from members.excel.engine import write_sheet
    from members.excel.members import MEMBER_COLUMNS
    from members.excel.safe import new_workbook
    from members.models import EmploymentCategory, MemberStatus

    rng = random.Random("bench-import")
    ids = IdNumbers(MAX_STREET_SLOT)

    def values(n: int) -> list:
        person = make_person(rng, ids, today, rng.randint(25, 80))
        joined = today.replace(year=today.year - rng.randint(2, 40), day=1)
        row = {
            "name": person.name,
            "gender": person.gender,
            "birth_date": person.birth_date,
            "ethnicity": person.ethnicity,
            "education": person.education,
            "id_number": person.id_number,
            "phone": person.phone,
            "address": f"测试路{n + 1}号",
            "workplace": "",
            "employment": EmploymentCategory.EMPLOYED,
            "status": MemberStatus.FULL,
            "joined_on": joined,
            "full_member_on": joined.replace(year=joined.year + 1),
            "organization": branch.name,
            "grid_cell": cell_code,
        }
        return [column.format(row[column.key]) for column in MEMBER_COLUMNS]

    workbook = new_workbook(write_only=True)
    write_sheet(workbook, "members", MEMBER_COLUMNS, (values(n) for n in range(rows)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_members(rows: int) -> dict:
    """Read, check and write ``rows`` members from an .xlsx as the import page does (the
    page's own limit of rows per file aside), as the branch's secretary; rolled back."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from members.excel.engine import read_upload
    from members.excel.member_rows import check_member_rows
    from members.excel.members import MEMBER_COLUMNS
    from members.services.excel_import import members_import
    from organizations.models import Organization

    secretary = User.objects.get(username="secretary")
    branch = Organization.objects.filter(posts__user=secretary).first()
    cell = branch.grid_cell.code if branch.grid_cell_id else ""
    content = member_workbook(rows, branch=branch, cell_code=cell, today=timezone.localdate())
    upload = SimpleUploadedFile("members.xlsx", content)
    started = time.perf_counter()
    with transaction.atomic():
        sheet = read_upload(upload, MEMBER_COLUMNS, max_rows=rows)
        check_member_rows(sheet, actor=secretary)
        if not sheet.is_valid:
            raise RuntimeError(f"{sheet.invalid_count} generated rows are invalid")
        created = members_import(
            actor=secretary, rows=[(row.row_number, row.values) for row in sheet.rows]
        )
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)  # the dataset stays as it was
    return {"seconds": seconds, "created": len(created), "file_kb": len(content) // 1024}


def assessment_street() -> dict | None:
    """Compute one street's open scheme (every computed indicator, then the results), as the
    Celery task does; None when the dataset has no open scheme."""
    from assessment.models import Scheme, SchemeState
    from assessment.services.computing import scheme_compute_run

    scheme = Scheme.objects.filter(state=SchemeState.OPEN).order_by("pk").first()
    if scheme is None:
        return None
    started = time.perf_counter()
    scheme_compute_run(scheme_id=scheme.pk)
    return {"seconds": time.perf_counter() - started}


def main(argv: list[str]) -> int:
    _setup()
    job = argv[0]
    if job == "targets":
        out = targets()
    elif job == "sweep":
        out = sweep()
    elif job == "import":
        out = import_members(int(argv[1]))
    elif job == "assessment":
        out = assessment_street()
    else:
        raise SystemExit(f"unknown job {job!r}")
    if isinstance(out, dict) and job != "targets":
        out["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

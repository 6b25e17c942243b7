"""The benchmark: build a dataset with ``seed_demo --scale``, then time the main pages for
each demo role through the full Django stack (middleware, scoping, templates).

    make bench                       # BENCH_SCALE=3 streets, SQLite file under var/bench/
    DATABASE_URL=postgres://… make bench

Results (median and worst of BENCH_REPEAT requests, queries per request) are printed and
written to bench/results/latest.json, with the time and queries of computing one street's open
assessment scheme (every computed indicator in bulk, then the results), as the Celery task
does it."""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _assessment_computation(connection, reset_queries) -> dict | None:
    """Time scheme_compute_run on the first open scheme (the task's work for one street)."""
    from assessment.models import IndicatorKind, Scheme, SchemeState
    from assessment.selectors.schemes import assessed_organizations
    from assessment.services.computing import scheme_compute_run

    scheme = Scheme.objects.filter(state=SchemeState.OPEN).order_by("pk").first()
    if scheme is None:
        return None
    reset_queries()
    t0 = time.perf_counter()
    run = scheme_compute_run(scheme_id=scheme.pk)
    seconds = time.perf_counter() - t0
    return {
        "scheme": scheme.name,
        "level": scheme.level,
        "organizations": assessed_organizations(scheme).count(),
        "indicators": scheme.indicators.filter(kind=IndicatorKind.COMPUTED).count(),
        "state": run.computing_state if run else None,
        "seconds": round(seconds, 2),
        "queries": len(connection.queries),
    }


def main() -> int:
    scale = int(os.environ.get("BENCH_SCALE", "3"))
    repeat = int(os.environ.get("BENCH_REPEAT", "20"))
    if "DATABASE_URL" not in os.environ:
        bench_dir = ROOT / "var" / "bench"
        bench_dir.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{bench_dir / f'bench-{scale}.sqlite3'}"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from activities.models import Activity, Report
    from grid.models import GridCell
    from members.models import Member
    from organizations.demo import DEMO_LOGINS
    from organizations.models import Organization

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", scale=scale, stdout=quiet)
    seed_seconds = time.perf_counter() - started

    branch = Organization.objects.filter(posts__user__username="secretary").first()
    cell = GridCell.objects.filter(
        community__street__organizations__kind="street_committee"
    ).first()
    pages = {
        "home": "/",
        "organization tree": "/organizations/",
        "organization detail": f"/organizations/{branch.pk}/" if branch else "/organizations/",
        "grid cell list": "/grid/",
        "grid cell detail": f"/grid/{cell.pk}/" if cell else "/grid/",
        "api organizations": "/api/organizations/",
        "admin organizations": "/admin/organizations/organization/",
    }
    member = Member.objects.filter(organization=branch).order_by("pk").first()
    named_pages = {
        "member list": ("members:list", []),
        "member detail": ("members:detail", [member.pk] if member else None),
        "activity list": ("activities:activity_list", []),
        "review queue": ("activities:review_queue", []),
        "compliance calendar": ("activities:compliance", []),
        "report list": ("activities:report_list", []),
        "co-building": ("activities:cobuilding", []),
        "volunteer service": ("activities:volunteer", []),
        "activity mix": ("activities:type_mix", []),
    }
    for name, (url_name, args) in named_pages.items():
        if args is not None:  # a page whose object the dataset lacks is left out
            pages[name] = reverse(url_name, args=args)
    settings.DEBUG = True  # record queries
    assessment = _assessment_computation(connection, reset_queries)
    results = []
    for username in (login.username for login in DEMO_LOGINS):
        client = Client()
        client.force_login(User.objects.get(username=username))
        for name, url in pages.items():
            timings, queries, status = [], 0, None
            for _ in range(repeat):
                reset_queries()
                t0 = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - t0) * 1000)
                queries = len(connection.queries)
                status = response.status_code
            results.append(
                {
                    "user": username,
                    "page": name,
                    "status": status,
                    "median_ms": round(statistics.median(timings), 1),
                    "max_ms": round(max(timings), 1),
                    "queries": queries,
                }
            )
    summary = {
        "database": connection.vendor,
        "scale": scale,
        "organizations": Organization.objects.count(),
        "grid_cells": GridCell.objects.count(),
        "members": Member.objects.count(),
        "activities": Activity.objects.count(),
        "reports": Report.objects.count(),
        "seed_seconds": round(seed_seconds, 1),
        "assessment": assessment,
        "pages": results,
    }
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2))
    print(
        f"{connection.vendor}, scale {scale}: {summary['organizations']} organizations, "
        f"{summary['grid_cells']} grid cells, {summary['members']} members, "
        f"{summary['activities']} activities, {summary['reports']} reports, "
        f"seeding {summary['seed_seconds']} s"
    )
    if assessment:
        print(
            f"computing the assessment of one street ({assessment['organizations']} "
            f"{assessment['level']} organizations, {assessment['indicators']} computed "
            f"indicators): {assessment['seconds']} s, {assessment['queries']} queries"
        )
    print(f"{'user':<11}{'page':<22}{'status':>7}{'median ms':>11}{'max ms':>9}{'queries':>9}")
    for row in results:
        print(
            f"{row['user']:<11}{row['page']:<22}{row['status']:>7}"
            f"{row['median_ms']:>11}{row['max_ms']:>9}{row['queries']:>9}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

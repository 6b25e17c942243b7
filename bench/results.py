"""bench/results.json: its assembly from what a run measured, and the terminal table."""

import os
import platform

PAGES = (
    "trivial",
    "admin_member_changelist",
    "secretary_home",
    "member_list",
    "member_list_deep",
    "member_detail",
    "activity_list",
    "review_queue",
    "compliance",
    "street_home",
    "mobile_census",
    "api_members",
    "api_activities",
    "api_transfers",
)
OPTIONAL_PAGES = ("grid_map", "assessment_results")  # as they land
JOBS = ("seed", "reminder_sweep", "import_10k")
OPTIONAL_JOBS = ("assessment_street", "quarterly_report")
SIZES = ("S", "L")
THROUGHPUT = ("trivial", "secretary_home", "street_home")


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 2)


def _median(timing: dict | None) -> float | None:
    return timing["median_ms"] if timing else None


def assemble(
    *,
    pages: dict[str, dict[str, dict]],
    jobs: dict[str, dict[str, float]],
    memory_mb: dict[str, float | None],
    throughput_rps: dict[str, float | None],
    machine: dict,
) -> dict:
    """``pages`` maps a page to {size: {median_ms, p95_ms, queries}} for the sizes run;
    ``jobs`` maps a job to {size: seconds}. A size not run is null; an optional page or job
    appears once some size measured it."""
    trivial_l = _median(pages.get("trivial", {}).get("L"))
    out_pages = {}
    for name in PAGES + OPTIONAL_PAGES:
        by_size = pages.get(name, {})
        if name in OPTIONAL_PAGES and not by_size:
            continue
        entry = {size: by_size.get(size) for size in SIZES}
        entry["ratio_to_trivial_L"] = _ratio(_median(entry["L"]), trivial_l)
        entry["growth_L_over_S"] = _ratio(_median(entry["L"]), _median(entry["S"]))
        out_pages[name] = entry
    out_jobs = {}
    for name in JOBS + OPTIONAL_JOBS:
        by_size = jobs.get(name, {})
        if name in OPTIONAL_JOBS and not by_size:
            continue
        out_jobs[name] = {f"{size}_s": _round(by_size.get(size)) for size in SIZES}
    return {
        "pages": out_pages,
        "jobs": out_jobs,
        "memory_mb": {
            "gunicorn_worker": memory_mb.get("gunicorn_worker"),
            "celery_worker": memory_mb.get("celery_worker"),
        },
        "throughput_rps": {name: throughput_rps.get(name) for name in THROUGHPUT},
        "machine": machine,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def machine(postgresql: str) -> dict:
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "postgresql": postgresql,
    }


def _cell(value, width: int) -> str:
    return f"{'—' if value is None else value:>{width}}"


def table(results: dict) -> list[str]:
    """The short table printed at the end of a run."""
    lines = [
        f"{'page':<25}{'S med':>8}{'S p95':>8}{'S q':>6}{'L med':>8}{'L p95':>8}{'L q':>6}"
        f"{'×triv':>7}{'L/S':>6}"
    ]
    for name, entry in results["pages"].items():
        small, large = entry["S"] or {}, entry["L"] or {}
        lines.append(
            f"{name:<25}{_cell(small.get('median_ms'), 8)}{_cell(small.get('p95_ms'), 8)}"
            f"{_cell(small.get('queries'), 6)}{_cell(large.get('median_ms'), 8)}"
            f"{_cell(large.get('p95_ms'), 8)}{_cell(large.get('queries'), 6)}"
            f"{_cell(entry['ratio_to_trivial_L'], 7)}{_cell(entry['growth_L_over_S'], 6)}"
        )
    lines.append("")
    lines.append(f"{'job':<25}{'S s':>8}{'L s':>8}")
    for name, entry in results["jobs"].items():
        lines.append(f"{name:<25}{_cell(entry['S_s'], 8)}{_cell(entry['L_s'], 8)}")
    lines.append("")
    memory = results["memory_mb"]
    lines.append(
        f"peak RSS: gunicorn worker {_cell(memory['gunicorn_worker'], 0)} MB, "
        f"celery worker {_cell(memory['celery_worker'], 0)} MB"
    )
    rps = results["throughput_rps"]
    lines.append(
        "throughput (req/s): " + ", ".join(f"{name} {_cell(rps[name], 0)}" for name in THROUGHPUT)
    )
    m = results["machine"]
    lines.append(f"machine: {m['cores']} cores, Python {m['python']}, PostgreSQL {m['postgresql']}")
    return lines

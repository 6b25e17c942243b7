"""Scoping lives in organizations (ARCHITECTURE.md): no other app writes its own path filter,
its own "strictly below" or its own test of whether a user manages anything. This reads the
project's Python sources so that such a filter cannot come back unnoticed."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {".venv", "var", "static", "node_modules", "migrations", "organizations"}

FORBIDDEN = {
    # a path lookup on an organization or a relation to one (organization__path__startswith…)
    "path lookup": re.compile(r"\bpath__(i?startswith|regex|iregex|i?contains|range|gte?|lte?)\b"),
    "lookup through a relation's path": re.compile(r"__path__"),
    "prefix test on a path in Python": re.compile(
        r"(?<!request)\.path\.startswith\(|(?<![\w.])path\.startswith\("
    ),
    "reading the tree from a path": re.compile(
        r"(?<!os)(?<!request)\.path\.split\(|(?<![\w.])path\.split\("
    ),
    "own test of managing or reviewing anything": re.compile(
        r"is_superuser\s+or\s+(bool\()?\w+(\.\w+)*\.(manage|review|view)_paths"
        r"|(manage|review|view)_paths\)?\s+or\s+\w+(\.\w+)*\.is_superuser"
    ),
}


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIPPED_DIRS.intersection(relative.parts[:-1]) or path == Path(__file__).resolve():
            continue
        yield relative, path.read_text(encoding="utf-8")


def _leaks(text: str) -> list[tuple[int, str, str]]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for what, pattern in FORBIDDEN.items():
            if pattern.search(line):
                found.append((number, what, line.strip()))
    return found


def test_no_app_but_organizations_writes_its_own_scoping():
    leaks = [
        f"{relative}:{number}: {what}: {line}"
        for relative, text in _sources()
        for number, what, line in _leaks(text)
    ]
    assert not leaks, "use the functions of organizations/scoping/ instead:\n" + "\n".join(leaks)


def test_the_contract_catches_what_it_forbids():
    samples = [
        "qs.filter(organization__path__startswith=organization.path)",
        "qs.filter(path__startswith=p)",
        'queryset.filter(**{f"{field}__path__startswith": organization.path})',
        "Q(member__organization__path__istartswith=x)",
        "any(path.startswith(p) and path != p for p in scope.review_paths)",
        "organization.path.startswith(p)",
        'above = {int(step) for path in paths for step in path.split("/") if step}',
        'ids = organization.path.split("/")',
        "scope.is_superuser or bool(scope.manage_paths)",
        "scope.is_superuser or scope.manage_paths",
        "bool(scoping.scope_for(user).manage_paths) or user.is_superuser",
    ]
    for sample in samples:
        assert _leaks(sample), sample


def test_the_contract_leaves_other_prefix_tests_alone():
    samples = [
        'request.path.startswith("/admin/")',
        "qs.filter(name_initials__startswith=value)",
        "qs.filter(letter_number__startswith=prefix)",
        "scoping.is_under(path, scope.review_paths, strictly=True)",
        'headers["Content-Type"].startswith("text/")',
        "head, tail = os.path.split(name)",
    ]
    for sample in samples:
        assert not _leaks(sample), sample

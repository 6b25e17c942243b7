"""Every .xlsx and .csv export writes its cells through ``members.excel.safe``, which keeps a
text beginning with =, +, -, @, a tab or a carriage return from becoming a live formula. An
export that builds its own workbook or CSV writer fails here; route it through the helper
(``new_workbook``, ``safe_cell``/``append_row``, ``csv_writer``) and add a test writing a
formula-like name or topic to it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELPER = ROOT / "members" / "excel" / "safe.py"
SKIPPED_DIRS = {".venv", "var", "static", "node_modules", "migrations", "tests", ".git"}
# a workbook or a CSV writer made by hand instead of by the helper
UNSAFE_WRITER = re.compile(
    r"\bWorkbook\(|\bcsv\.(writer|DictWriter)\(|\bDictWriter\(|^\s*from csv import",
    re.MULTILINE,
)


def project_modules():
    for path in ROOT.rglob("*.py"):
        parts = set(path.relative_to(ROOT).parts[:-1])
        if parts & SKIPPED_DIRS or path == HELPER:
            continue
        yield path


def test_no_export_writes_a_workbook_or_csv_without_the_formula_safe_helper():
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0).strip()}"
        for path in project_modules()
        for match in UNSAFE_WRITER.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_scan_would_see_an_export_of_its_own():
    assert UNSAFE_WRITER.search("book = Workbook(write_only=True)")
    assert UNSAFE_WRITER.search("writer = csv.writer(response)")
    assert UNSAFE_WRITER.search("from csv import writer")

"""No template of the project carries code or styles the Content Security Policy would block
(config/settings.py, CONTENT_SECURITY_POLICY): an inline <script> (one without src; the
<script type="application/json"> that json_script writes is data, not code), an on…= event
handler attribute, a javascript: URL, an inline <style> element or a style="…" attribute.
Every template file under the project's template directories is read, and each finding names
the file and the line."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines

ROOT = Path(settings.BASE_DIR)
SKIP_PARTS = {".venv", "node_modules", "var", ".git"}

SCRIPT_TAG = re.compile(r"<script\b(?P<attrs>[^>]*)>", re.IGNORECASE)
# an attribute named on<letters> inside a tag: onclick="…", onchange='…', onload=…
HANDLER = re.compile(r"<[a-zA-Z][^>]*?\s(on[a-z]+)\s*=", re.IGNORECASE | re.DOTALL)
JAVASCRIPT_URL = re.compile(r"""=\s*["']?\s*javascript:""", re.IGNORECASE)
STYLE_TAG = re.compile(r"<style\b", re.IGNORECASE)
STYLE_ATTR = re.compile(r"<[a-zA-Z][^>]*?\sstyle\s*=", re.IGNORECASE | re.DOTALL)


def template_dirs() -> list[Path]:
    """The directories Django looks in for the project's own templates: TEMPLATES DIRS and
    every project app's templates/ (installed third-party apps live outside BASE_DIR)."""
    dirs = [Path(d) for d in engines["django"].engine.dirs]
    dirs += sorted(
        p for p in ROOT.glob("*/templates") if p.is_dir() and p.parent.name not in SKIP_PARTS
    )
    return [d for d in dirs if d.resolve().is_relative_to(ROOT.resolve())]


def template_files() -> list[Path]:
    files = []
    for directory in template_dirs():
        files += [
            p
            for p in directory.rglob("*")
            if p.is_file() and p.suffix in {".html", ".txt", ".xml", ".svg"}
        ]
    return sorted(set(files))


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def findings(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    name = path.relative_to(ROOT)
    found = []
    for match in SCRIPT_TAG.finditer(text):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE):
            continue
        if re.search(r"""\btype\s*=\s*["']?application/(ld\+)?json""", attrs, re.IGNORECASE):
            continue
        found.append(f"{name}:{line_of(text, match.start())}: inline <script>")
    for match in HANDLER.finditer(text):
        found.append(
            f"{name}:{line_of(text, match.start(1))}: event handler attribute {match.group(1)}="
        )
    for match in JAVASCRIPT_URL.finditer(text):
        found.append(f"{name}:{line_of(text, match.start())}: javascript: URL")
    for match in STYLE_TAG.finditer(text):
        found.append(f"{name}:{line_of(text, match.start())}: inline <style>")
    for match in STYLE_ATTR.finditer(text):
        found.append(f"{name}:{line_of(text, match.end())}: style attribute")
    return found


def test_the_template_directories_are_all_found():
    names = {str(d.relative_to(ROOT)) for d in template_dirs()}
    for expected in ("templates", "members/templates", "activities/templates"):
        assert expected in names
    assert len(template_files()) > 50


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_template_has_no_inline_script_handler_or_style(path):
    assert findings(path) == []


@pytest.mark.parametrize(
    ("snippet", "where"),
    [
        ("<script>alert(1)</script>", "2: inline <script>"),
        ('<script type="text/javascript">x()</script>', "2: inline <script>"),
        (
            '<select name="o"\n  onchange="this.form.submit()">',
            "3: event handler attribute onchange=",
        ),
        ("<button type=button onClick='window.print()'>", "2: event handler attribute onClick="),
        ('<a href="javascript:void(0)">', "2: javascript: URL"),
        ("<style>p { color: red }</style>", "2: inline <style>"),
        ('<div class="x" style="width: 5%">', "2: style attribute"),
    ],
)
def test_the_scan_catches(tmp_path, monkeypatch, snippet, where):
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    path = tmp_path / "page.html"
    path.write_text("{% load i18n %}\n" + snippet + "\n", encoding="utf-8")
    assert findings(path) == [f"page.html:{where}"]


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="/static/js/app.js"></script>',
        '<script id="d" type="application/json">{"a": 1}</script>',
        '<a href="/x" data-online="1" class="button">',
        "<p>Press the button to print the sheet on paper</p>",
        '<div data-width="50" data-testid="bar">',
    ],
)
def test_the_scan_lets_through(tmp_path, monkeypatch, snippet):
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    path = tmp_path / "page.html"
    path.write_text(snippet, encoding="utf-8")
    assert findings(path) == []

"""The house shape of ARCHITECTURE.md, read from the sources: modules a reader can hold, each
saying what it holds, each app saying what it owns, and test helpers where pytest does not
collect them."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
APPS = [app for app in settings.INSTALLED_APPS if (ROOT / app / "apps.py").is_file()]
PACKAGES = [*APPS, "config", "tests", "bench"]
MAX_LINES = 400


def _modules() -> list[Path]:
    found = [ROOT / "conftest.py", ROOT / "manage.py"]
    for package in PACKAGES:
        found += [p for p in sorted((ROOT / package).rglob("*.py")) if "migrations" not in p.parts]
    return found


def _docstring(path: Path) -> str | None:
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))


def test_no_module_is_over_400_lines():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in _modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_every_module_with_code_starts_with_what_it_holds():
    silent = [
        str(path.relative_to(ROOT))
        for path in _modules()
        if path.read_text(encoding="utf-8").strip() and not _docstring(path)
    ]
    assert silent == []


@pytest.mark.parametrize("app", APPS)
def test_each_app_says_what_it_owns_may_import_and_is_imported_by(app):
    text = (_docstring(ROOT / app / "__init__.py") or "").lower()
    assert len(text.splitlines()) >= 2, f"{app}/__init__.py needs a short map of the app"
    assert "import" in text


def test_test_helpers_are_not_in_collected_modules():
    collected_helpers = [
        str(path.relative_to(ROOT))
        for path in _modules()
        if path.name.startswith("test_") and path.stem.endswith(("_support", "_helpers"))
    ]
    assert collected_helpers == []

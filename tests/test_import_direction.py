"""The direction of imports between the apps (ARCHITECTURE.md): an app may import from the
apps above it in this list, never from below; grid, at the top of the territory, imports no
other app. Read from the sources, lazy imports inside functions included."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
# the project's apps as settings list them, in the order they may import each other
ORDER = [app for app in settings.INSTALLED_APPS if (ROOT / app / "apps.py").is_file()]
# settings, urls and the Celery app are read by no app. The apps share three leaf modules of
# config that import no app: config.forms (the page helpers), config.text (the limit of free
# text) and config.db_routers (``figure_page``, the pages that may read from a replica); grid
# imports none of them, as it imports nothing outside itself.
SHARED_CONFIG = {"config.forms", "config.text", "config.db_routers"}


def _name(module: str) -> str:
    """The app a module belongs to, or the whole name for a module of config."""
    return module if module.startswith("config.") or module == "config" else module.split(".")[0]


def _imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {_name(alias.name) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(_name(node.module))
    return {name for name in found if name.split(".")[0] in {*ORDER, "config"}}


def _wrong_way(app: str) -> list[str]:
    allowed = set(ORDER[: ORDER.index(app) + 1]) | SHARED_CONFIG
    return [
        f"{path.relative_to(ROOT)} imports {', '.join(sorted(imported - allowed))}"
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts and (imported := _imported_apps(path)) - allowed
    ]


@pytest.mark.parametrize("app", ORDER)
def test_an_app_imports_only_the_apps_above_it(app):
    assert _wrong_way(app) == []


def test_the_order_is_that_of_architecture_md():
    assert ORDER[:4] == ["accounts", "policies", "grid", "organizations"]
    # residents sits between activities and assessment (the issue that added it says so)
    assert ORDER[-4:] == ["activities", "residents", "assessment", "dashboards"]
    assert len(ORDER) == 10


def test_grid_imports_no_other_app():
    # its tests may build users with accounts' factories; its code asks grid.access instead
    code = [p for p in (ROOT / "grid").rglob("*.py") if "tests" not in p.parts]
    assert set().union(*map(_imported_apps, code)) == {"grid"}


def test_grid_limits_its_free_text_as_config_text_does():
    from config.text import TEXT_MAX_LENGTH
    from grid.models import DESCRIPTION_MAX_LENGTH

    assert DESCRIPTION_MAX_LENGTH == TEXT_MAX_LENGTH


def test_config_is_read_through_its_shared_helpers_only(tmp_path):
    module = tmp_path / "sample.py"
    module.write_text("from config.forms import add_service_errors\nfrom config import urls\n")
    assert _imported_apps(module) == {"config.forms", "config"}
    assert _imported_apps(module) - SHARED_CONFIG == {"config"}


def test_an_import_from_below_is_caught(tmp_path):
    module = tmp_path / "sample.py"
    module.write_text("def f():\n    from organizations import scoping\n")
    assert _imported_apps(module) == {"organizations"}


@pytest.mark.parametrize("module", sorted(SHARED_CONFIG))
def test_config_s_shared_modules_import_no_app(module):
    path = ROOT / (module.replace(".", "/") + ".py")
    assert _imported_apps(path) == set()

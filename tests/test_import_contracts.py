"""The import-linter contracts of .importlinter (run by `make lint`) are not empty words: on a
small tree that repeats the cycles the apps once had (members' filters and selectors, policies'
models and registry) and a selector reading a FilterSet, they fail."""

import configparser
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

TREE = {
    "members/__init__.py": "",
    "members/models.py": "",
    "members/filters.py": "from members import selectors\n",
    "members/selectors.py": "def f():\n    from members import filters\n",
    "policies/__init__.py": "",
    "policies/models.py": "from policies.registry import define\n",
    "policies/registry.py": "def define():\n    from policies.models import Policy\n",
}


def _contracts_for(packages: list[str]) -> str:
    """Our own contracts, pointed at the small tree's packages."""
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter", encoding="utf-8")
    listed = "\n" + "\n".join(packages)
    config["importlinter"]["root_packages"] = listed
    kept = {"importlinter"}
    for name in ("importlinter:contract:layers-in-apps", "importlinter:contract:no-cycles"):
        section = config[name]
        for key in ("containers", "ancestors"):
            if key in section:
                section[key] = listed
        kept.add(name)
    for name in set(config.sections()) - kept:
        config.remove_section(name)
    lines = []
    for name in config.sections():
        lines.append(f"[{name}]")
        for key, value in config[name].items():
            items = [line for line in value.splitlines() if line.strip()]
            if "\n" in value:
                lines.append(f"{key} =" + "".join(f"\n    {item}" for item in items))
            else:
                lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"


def _lint(tmp_path: Path) -> subprocess.CompletedProcess:
    for name, text in TREE.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / ".importlinter").write_text(_contracts_for(["members", "policies"]))
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_contracts_fail_on_the_old_cycles(tmp_path):
    result = _lint(tmp_path)
    assert result.returncode == 1, result.stdout
    assert "members.selectors is not allowed to import members.filters" in result.stdout
    assert "No cycles are allowed in members" in result.stdout
    assert "No cycles are allowed in policies" in result.stdout


def test_the_project_keeps_its_contracts():
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout

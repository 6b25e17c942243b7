"""Pages and the API only call: every read goes through a selector and every write through a
service, so that a page, its API twin and its admin share one code path and one scoping.

Read from the sources: a view or API module that reaches a model's manager (``Model.objects``)
fails here. Two declarations stay allowed: ``Model.objects.none()``, which serializers and
viewsets declare for the schema before filling in the scoped queryset per request, and the
candidate rows of a ``Scoped...Field(queryset=Model.objects.all())``, which the field narrows
to the user's scope on every request.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
APPS = [app for app in settings.INSTALLED_APPS if (ROOT / app / "apps.py").is_file()]


def _page_and_api_modules(app: str) -> list[Path]:
    base = ROOT / app
    found = []
    for layer in ("views", "api"):
        found += [base / f"{layer}.py"] if (base / f"{layer}.py").is_file() else []
        found += sorted((base / layer).rglob("*.py")) if (base / layer).is_dir() else []
    return found


def _manager_uses(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    declared = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "none"
    }
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and ast.unparse(call.func).startswith("Scoped"):
            declared |= {
                id(keyword.value.func.value)
                for keyword in call.keywords
                if keyword.arg == "queryset"
                and isinstance(keyword.value, ast.Call)
                and ast.unparse(keyword.value).endswith(".objects.all()")
            }
    return [
        f"{path.relative_to(root)}:{node.lineno} {ast.unparse(node)}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "objects" and id(node) not in declared
    ]


@pytest.mark.parametrize("app", APPS)
def test_views_and_api_reach_no_manager_themselves(app):
    assert [use for path in _page_and_api_modules(app) for use in _manager_uses(path)] == []


def test_a_query_in_a_view_is_caught_and_an_empty_declaration_is_not(tmp_path):
    module = tmp_path / "views.py"
    module.write_text(
        "def page(request):\n"
        "    empty = Member.objects.none()\n"
        "    return Member.objects.filter(name='x')\n"
        "class Input(Serializer):\n"
        "    cell = ScopedPrimaryKeyRelatedField(queryset=GridCell.objects.all())\n"
        "    unit = PrimaryKeyRelatedField(queryset=Unit.objects.all())\n"
    )
    assert _manager_uses(module, tmp_path) == [
        "views.py:3 Member.objects",
        "views.py:6 Unit.objects",
    ]

"""The zh_Hans catalogue stays complete: every string translated, the committed .mo compiled
from the committed .po, and no string in the code missing from the catalogue.

To update the catalogue after adding strings:
    DEBUG=1 .venv/bin/python manage.py makemessages -l zh_Hans --ignore='.venv/*' \
        --ignore='static/vendor/*' --ignore='var/*' --add-location=file
    (translate the new entries in locale/zh_Hans/LC_MESSAGES/django.po, remove "#, fuzzy")
    DEBUG=1 .venv/bin/python manage.py compilemessages -l zh_Hans --ignore='.venv/*'
"""

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from conftest import need

ROOT = Path(settings.BASE_DIR)
LC_MESSAGES = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES"
PO = LC_MESSAGES / "django.po"
MO = LC_MESSAGES / "django.mo"
MAKEMESSAGES_IGNORE = [".venv/*", "static/vendor/*", "var/*"]
NOT_COPIED = {".git", ".venv", "var", "static/vendor", "locale"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file as dicts: msgctxt, msgid, msgid_plural, msgstr (a list: one
    string, or one per plural form) and flags. Obsolete (#~) entries are left out."""
    entries, entry, field = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith('"'):  # continuation of a multi-line string
            if field == "msgstr":
                entry["msgstr"][-1] += ast.literal_eval(line)
            else:
                entry[field] += ast.literal_eval(line)
            continue
        if entry is None or ("msgid" in entry and not line.startswith(("msgid_plural", "msgstr"))):
            entry = {"flags": set(), "msgstr": []}
            entries.append(entry)
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        if line.startswith("#:"):
            entry.setdefault("locations", []).extend(line[2:].split())
        if line.startswith("#"):
            continue
        keyword, _, text = line.partition(" ")
        field = "msgstr" if keyword.startswith("msgstr") else keyword
        if field == "msgstr":
            entry["msgstr"].append(ast.literal_eval(text))
        else:
            entry[field] = ast.literal_eval(text)
    return [e for e in entries if "msgid" in e]


def key(entry: dict) -> str:
    return f"{entry['msgctxt']}\x04{entry['msgid']}" if "msgctxt" in entry else entry["msgid"]


def expected_catalog(entries: list[dict]) -> dict:
    """What gettext.GNUTranslations holds after loading the .mo compiled from these entries
    (msgfmt leaves out fuzzy and untranslated entries and the header's POT-Creation-Date)."""
    catalog = {}
    for entry in entries:
        if "fuzzy" in entry["flags"] and entry["msgid"]:
            continue
        if "msgid_plural" in entry:
            if all(entry["msgstr"]):
                catalog.update({(key(entry), i): s for i, s in enumerate(entry["msgstr"])})
        elif not entry["msgid"]:
            catalog[""] = re.sub(r"^POT-Creation-Date:.*\n", "", entry["msgstr"][0], flags=re.M)
        elif entry["msgstr"][0]:
            catalog[key(entry)] = entry["msgstr"][0]
    return catalog


def mo_catalog(path: Path) -> dict:
    with path.open("rb") as f:
        return dict(gettext.GNUTranslations(f)._catalog)


def skip_in_copy(directory: str, names: list[str]) -> list[str]:
    here = Path(directory).relative_to(ROOT)
    return [
        name
        for name in names
        if (here / name).as_posix() in NOT_COPIED
        or name == "__pycache__"
        or name.endswith("_cache")
    ]


@pytest.fixture(scope="module")
def entries():
    assert PO.exists(), f"{PO} is missing: run makemessages (see this module's docstring)"
    return parse_po(PO)


def test_header_is_filled_in(entries):
    header = entries[0]
    assert header["msgid"] == "" and "fuzzy" not in header["flags"]
    for line in (
        "Project-Id-Version: partygrid",
        "Language: zh_Hans",
        "Content-Type: text/plain; charset=UTF-8",
        "Plural-Forms: nplurals=1; plural=0;",
    ):
        assert line in header["msgstr"][0]


def test_every_entry_is_translated_and_not_fuzzy(entries):
    messages = entries[1:]
    assert messages, "the catalogue is empty"
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e["flags"]]
    untranslated = [e["msgid"] for e in messages if not all(e["msgstr"])]
    assert not fuzzy, f"fuzzy entries in {PO.name}: {fuzzy}"
    assert not untranslated, f"untranslated entries in {PO.name}: {untranslated}"


def test_plural_entries_have_exactly_one_form(entries):
    wrong = [e["msgid"] for e in entries if "msgid_plural" in e and len(e["msgstr"]) != 1]
    assert not wrong, f"Chinese has one plural form (msgstr[0] only): {wrong}"


def test_translations_keep_the_placeholders(entries):
    wrong = [
        (e["msgid"], s)
        for e in entries[1:]
        for s in e["msgstr"]
        if sorted(PLACEHOLDER.findall(e.get("msgid_plural", e["msgid"])))
        != sorted(PLACEHOLDER.findall(s))
    ]
    assert not wrong, f"placeholders differ between msgid and msgstr: {wrong}"


def test_committed_mo_matches_the_po(entries):
    assert MO.exists(), f"{MO} is missing: run compilemessages (see this module's docstring)"
    assert mo_catalog(MO) == expected_catalog(entries), (
        f"{MO.name} is out of date: run compilemessages (see this module's docstring)"
    )


def test_po_passes_msgfmt_check_and_compiles_to_the_committed_mo(tmp_path):
    need("gettext", bool(shutil.which("msgfmt")), "apt-get install gettext")
    compiled = tmp_path / "django.mo"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(compiled), str(PO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert mo_catalog(MO) == mo_catalog(compiled), f"{MO.name} is out of date: run compilemessages"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> list[dict]:
    """The entries makemessages finds in the code today, with their locations."""
    need("gettext", bool(shutil.which("xgettext")), "apt-get install gettext")
    copy = tmp_path_factory.mktemp("extraction") / "project"
    shutil.copytree(ROOT, copy, ignore=skip_in_copy)
    (copy / "locale").mkdir()
    command = [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--add-location=file"]
    command += [f"--ignore={pattern}" for pattern in MAKEMESSAGES_IGNORE]
    result = subprocess.run(
        command,
        cwd=copy,
        env={**os.environ, "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return parse_po(copy / "locale/zh_Hans/LC_MESSAGES/django.po")[1:]


def test_makemessages_finds_no_string_missing_from_the_catalogue(extracted, entries):
    found = {key(e) for e in extracted}
    missing = sorted(found - {key(e) for e in entries})
    assert not missing, (
        f"strings missing from {PO.name}: {missing}; run makemessages and translate them"
    )


def test_login_page_is_chinese_by_default(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="zh-hans"' in html
    assert "登录" in html and "网格化党建" in html
    assert "Log in" not in html


def test_login_page_follows_accept_language(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "Log in" in html and "Party building in grid management" in html
    assert "登录" not in html


# One English word can mean different things ("draft" report, "draft" transfer): each state,
# status and short label carries a context, so that each meaning gets its own translation.

PROBE = "probe"  # a variable, so that makemessages does not collect these two calls
GETTEXT_LAZY = type(gettext_lazy(PROBE))
PGETTEXT_LAZY = type(pgettext_lazy(PROBE, PROBE))

# Words used without a context by several models or several apps, reviewed as meaning the
# same thing (and reading correctly in Chinese) in each. Add a word here only after checking
# every use; otherwise give each use a context named for the app and concept.
SAME_MEANING = {
    # field names
    "ID number", "activity permit number", "address", "birth date", "changed at", "code",
    "created at", "description", "education", "employment category", "established on",
    "ethnicity", "from", "full member since", "gender", "households", "joined the party on",
    "name", "note", "paid on", "party organization", "period", "phone", "post", "reason",
    "recorded at", "topic", "until", "workplace and occupation",
    # labels and headings
    "branch", "by", "community", "ended on", "grid cell", "member", "missing", "organization",
    "party organizations", "recorded by", "street", "two-new organization",
    "unit party organization", "year", "yes", "Activities", "Administration", "Cancel",
    "Co-building", "Edit", "End", "Filter", "Home", "Members", "Next", "Organization", "Pages",
    "Previous", "Reminders", "Reports", "Save", "Search", "Show", "Steps", "Year",
}  # fmt: skip


def message(text) -> tuple[str | None, str] | None:
    """(context, msgid) of a lazy translation; None for a plain, untranslated string."""
    if isinstance(text, PGETTEXT_LAZY):
        return tuple(text._args)
    if isinstance(text, GETTEXT_LAZY):
        return None, text._args[0]
    return None


def project_app_configs():
    return [
        app
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(ROOT) and ".venv" not in Path(app.path).parts
    ]


def project_choices() -> list[type]:
    modules = tuple(app.name for app in project_app_configs())

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return [c for c in subclasses(models.Choices) if c.__module__.startswith(modules)]


def project_models():
    for app in project_app_configs():
        for model in app.get_models():
            if not model._meta.model_name.startswith("historical"):  # copies of the originals
                yield model


def test_every_choice_label_has_a_context():
    without = [
        f"{cls.__module__}.{cls.__qualname__}: {member.label!r}"
        for cls in project_choices()
        for member in cls
        if (message(member.label) or (None, None))[0] is None
    ]
    assert not without, (
        "choice labels without a translation context (use pgettext_lazy with a context named "
        f"for the app and concept, e.g. 'report state'): {without}"
    )


def test_two_choice_sets_never_share_a_context_and_label():
    seen = defaultdict(set)
    for cls in project_choices():
        for member in cls:
            seen[message(member.label)].add(f"{cls.__module__}.{cls.__qualname__}")
    shared = {msg: sorted(classes) for msg, classes in seen.items() if msg and len(classes) > 1}
    assert not shared, f"one (context, label) names choices of different sets: {shared}"


def concept(model, field) -> tuple:
    """What a field names: the model it points to, or for a value of its own the field itself
    (with its choices, since two fields with different choices never mean the same)."""
    if field.is_relation and field.related_model:
        return ("model", field.related_model._meta.label)
    return (
        "field",
        f"{model._meta.label}.{field.name}",
        tuple(getattr(field, "choices", None) or ()),
    )


def test_a_label_without_context_names_one_thing():
    uses = defaultdict(set)
    for model in project_models():
        for name in (model._meta.verbose_name, model._meta.verbose_name_plural):
            if msg := message(name):
                uses[msg].add(("model", model._meta.label))
        for field in model._meta.get_fields():
            if field.auto_created and not field.concrete:
                continue  # reverse relations
            if msg := message(getattr(field, "verbose_name", None)):
                uses[msg].add(concept(model, field))
    collisions = {
        msgid: sorted(str(c[1]) for c in concepts)
        for (context, msgid), concepts in uses.items()
        if context is None and len(concepts) > 1
        and (msgid not in SAME_MEANING or len({c[2] for c in concepts if c[2:] and c[2]}) > 1)
    }  # fmt: skip
    assert not collisions, (
        "model and field names shared without a context by different things (give each a "
        "pgettext_lazy context, or add the word to SAME_MEANING once every use is checked): "
        f"{collisions}"
    )


@pytest.mark.parametrize(
    ("context", "msgid", "wrong"),
    [
        ("report state", "draft", "待开具介绍信"),
        ("report", "title", "培训班名称"),
        ("co-building need status", "open", "未读"),
        ("activity status", "cancelled", "已取消预备党员资格"),
        ("activity attendance", "Attendance", "参训情况"),
        (None, "party members", "党员人数"),
    ],
)
def test_each_meaning_reads_correctly_in_chinese(context, msgid, wrong):
    with translation.override("zh-hans"):
        text = pgettext(context, msgid) if context else translation.gettext(msgid)
    assert text != msgid and text != wrong


# Chinese text takes full-width punctuation (，：；（）). ASCII stays where it is not prose:
# placeholders (%(name)s, {count}), notations in square brackets ([经度, 纬度] is a JSON
# array), numbers (3,000) and times (06:00), none of which touches a Chinese character.
CHINESE = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
ASCII_PUNCTUATION_BY_CHINESE = re.compile(rf"{CHINESE}\s*[,:;()]|[,:;()]\s*{CHINESE}")
NOT_PROSE = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdif]|\{\w*\}|\[[^\]]*\]")


def ascii_punctuation_in_chinese(text: str) -> list[str]:
    return ASCII_PUNCTUATION_BY_CHINESE.findall(NOT_PROSE.sub(" ", text))


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("党员, 预备党员", True),
        ("坐标:经度", True),
        ("已退回(附意见)", True),
        ("地址; 电话", True),
        ("坐标点必须为 [经度, 纬度]。", False),
        ("%(where)s：超过 3,000 元", False),
        ("每天 06:00 提醒", False),
        ("大小为%(size).1f MB；最大为%(limit)s MB。", False),
        ("共 %(count)s 名（含预备党员）", False),
    ],
)
def test_the_punctuation_check_tells_prose_from_notation(text, wrong):
    assert bool(ascii_punctuation_in_chinese(text)) is wrong


def test_chinese_translations_use_full_width_punctuation(entries):
    wrong = [
        (e["msgid"], s) for e in entries[1:] for s in e["msgstr"] if ascii_punctuation_in_chinese(s)
    ]
    assert not wrong, f"use ，：；（） in Chinese, not ASCII: {wrong}"


def short_label(msgid: str) -> bool:
    """A heading or label: one word, or up to three in lower case (not a sentence)."""
    if not msgid or msgid[-1] in ".:?!":
        return False
    words = msgid.split()
    return len(words) == 1 or (msgid[0].islower() and len(words) <= 3)


def test_a_short_label_used_by_several_apps_has_a_context_or_one_meaning(extracted):
    shared = {
        e["msgid"]: sorted({location.split("/")[0] for location in e.get("locations", [])})
        for e in extracted
        if "msgctxt" not in e and short_label(e["msgid"])
    }
    unreviewed = {
        msgid: where
        for msgid, where in shared.items()
        if len(where) > 1 and msgid not in SAME_MEANING
    }
    assert not unreviewed, (
        "short labels shared by several apps without a context (give each use a context named "
        f"for the app and concept, or add the word to SAME_MEANING once every use is checked): "
        f"{unreviewed}"
    )

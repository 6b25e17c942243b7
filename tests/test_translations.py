"""The zh_Hans catalogue stays complete: every string translated, the committed .mo compiled
from the committed .po, and no string in the code missing from the catalogue.

To update the catalogue after adding strings:
    DEBUG=1 .venv/bin/python manage.py makemessages -l zh_Hans --ignore='.venv/*' \
        --ignore='static/vendor/*' --ignore='var/*' --add-location=file
    (translate the new entries in locale/zh_Hans/LC_MESSAGES/django.po, remove "#, fuzzy")
    DEBUG=1 .venv/bin/python manage.py compilemessages -l zh_Hans --ignore='.venv/*'
"""

import os
import shutil
import subprocess
import sys

import pytest

from conftest import need
from tests.support.catalogue import (
    MAKEMESSAGES_IGNORE,
    MO,
    PLACEHOLDER,
    PO,
    ROOT,
    SAME_MEANING,
    expected_catalog,
    key,
    mo_catalog,
    parse_po,
    skip_in_copy,
)


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

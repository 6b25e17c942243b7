"""The zh_Hans catalogue as the translation tests read it: where it lives, a .po parser, the
catalogue a .mo holds, and the words reviewed as meaning the same thing in every app."""

import ast
import gettext
import re
from pathlib import Path

from django.conf import settings

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


# Words used without a context by several models or several apps, reviewed as meaning the
# same thing (and reading correctly in Chinese) in each. Add a word here only after checking
# every use; otherwise give each use a context named for the app and concept.
SAME_MEANING = {
    # field names
    "ID number", "activity permit number", "address", "birth date", "changed at", "code",
    "created at", "date of the visit", "description", "education", "employment category", "established on",
    "ethnicity", "from", "full member since", "gender", "household", "household size", "households", "joined the party on",
    "name", "note", "paid on", "party organization", "period", "phone", "post", "reason",
    "recorded at", "topic", "until", "workplace and occupation",
    # labels and headings
    "branch", "by", "community", "ended on", "grid cell", "member", "missing", "organization",
    "party member", "party organizations", "recorded by", "street", "two-new organization",
    "unit party organization", "year", "yes", "Activities", "Administration", "Cancel",
    "Co-building", "Edit", "End", "Filter", "Home", "Members", "Next", "Organization", "Pages",
    "Previous", "Reminders", "Reports", "Save", "Search", "Show", "Steps", "Year",
}  # fmt: skip

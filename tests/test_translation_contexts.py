"""Each meaning has its own translation: choice labels and short labels carry a context, and
the meanings that share one read correctly in Chinese."""

from collections import defaultdict
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from tests.support.catalogue import ROOT, SAME_MEANING

# One English word can mean different things ("draft" report, "draft" transfer): each state,
# status and short label carries a context, so that each meaning gets its own translation.

PROBE = "probe"  # a variable, so that makemessages does not collect these two calls
GETTEXT_LAZY = type(gettext_lazy(PROBE))
PGETTEXT_LAZY = type(pgettext_lazy(PROBE, PROBE))


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

"""Hostile input in every page form: for each page URL pattern whose GET shows a POST form
(to the street staff of the scoped world, or else to branch A's secretary), the form's own
fields are posted back with text holding a NUL byte, 100,000 characters, a script tag or an
attribute breakout; dates that do not exist or lie past year 9999; a choice or hidden id of
another street's record or not an id at all; file names climbing out of their folder and a
file over the size limit.

Whatever the form does with it: never a server error; a refused post (any answer but a
redirect) changes no row of any table and no field of the records the URL names; a script
sent is shown escaped, on the answer and on the page a saved post leads to; a stored file's
name holds no folder."""

import datetime
import io
from urllib.parse import urlencode

import pytest
import time_machine
from django.apps import apps
from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.forms import BaseForm, BaseFormSet, CharField, DateField, ModelChoiceField
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse
from PIL import Image

from activities.attachments import max_bytes
from activities.models import Activity, Attachment
from grid.models import Community, GridCell
from members.models import Member, SensitiveAccess, TrainingSession
from organizations.models import AccessEvent, Organization, UnitOrganization
from residents.models import ProblemPhoto, ResidentDataAccess
from tests.support.access_probes import ROUTES
from tests.support.access_registry import FREE, PAGE_ARGS
from tests.support.page_forms import PageForm, get_forms, post_forms
from tests.support.scoped_world import build_scoped_world

OWN = ("ZQA", "ZQK", "ZQS")  # the street staff's branch A, community K and street S
OTHER = "ZQD"  # another street
PERSONAS = ("street_staff", "community_staff", "secretary_a")

NUL = "名称\x00后缀"
LONG = "长" * 100_000
SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x>'
BAD_DATES = ("2026-02-30", "99999-01-01")
NOT_AN_ID = "abc"
CLIMBING_NAMES = ("../../etc/passwd", "..\\..\\x.pdf")

# a field the form does not say the model of: guessed from its name
NAME_MODELS = {
    "organization": Organization,
    "branch": Organization,
    "grid_cell": GridCell,
    "community": Community,
    "member": Member,
    "activity": Activity,
    "unit": UnitOrganization,
    "session": TrainingSession,
}
# rows written by design on any request (the access log, reveals of sensitive fields)
# pages that take the record they add to from the address: name -> parameter -> model
QUERY_ARGS = {
    "activities:need_create": {"community": Community},
    "activities:resource_create": {"community": Community},
    "activities:project_create": {"community": Community},
    "activities:exemption_create": {"organization": Organization},
    "members:mobile_create": {"organization": Organization},
}
LOGS = {AccessEvent, SensitiveAccess, ResidentDataAccess}
NOT_OURS = ("/i18n/", "/accounts/logout/", "/admin/", "/api/")

PAGE_ROUTES = sorted(
    route
    for route, (name, _pattern) in ROUTES.items()
    if name and not route.startswith(("admin/", "api/")) and route not in FREE
)


def _png() -> bytes:
    """A photo that decodes to its last pixel, as uploads must."""
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    traveller = time_machine.travel(datetime.datetime(2026, 11, 26, 10, 0, tzinfo=datetime.UTC))
    traveller.start()
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("hostile-media")))
    media.enable()
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_scoped_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            media.disable()
            traveller.stop()


def _own_record(world, model):
    for token in OWN:
        record = world.record(token, model)
        if record is not None:
            return record
    return None


def _url_and_records(world, name):
    kwargs, records = {}, []
    for key, value in PAGE_ARGS.get(name, {}).items():
        if isinstance(value, type):
            record = _own_record(world, value)
            if record is None:
                return None, []
            records.append(record)
            value = record.pk
        kwargs[key] = value
    try:
        url = reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None, []
    query = {key: _own_record(world, model).pk for key, model in QUERY_ARGS.get(name, {}).items()}
    return url + ("?" + urlencode(query) if query else ""), records


def _tampered_address(world, name, action):
    """The form's address with each id it takes from the address turned to another
    street's record."""
    query = {key: world.record(OTHER, model).pk for key, model in QUERY_ARGS.get(name, {}).items()}
    if not query:
        return None
    return action.split("?", 1)[0] + "?" + urlencode(query)


def _context_fields(response) -> dict:
    """name (with its prefix) -> the form field, for every form the page was rendered with."""
    found = {}
    for context in response.context or []:
        for value in context.flatten().values():
            forms_ = value.forms if isinstance(value, BaseFormSet) else [value]
            for form in forms_:
                if isinstance(form, BaseForm):
                    for name, form_field in form.fields.items():
                        found.setdefault(form.add_prefix(name), form_field)
    return found


def _counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model not in LOGS and not model._meta.label.startswith(("axes.", "sessions."))
    }


def _snapshot(records):
    return [type(r)._default_manager.filter(pk=r.pk).values().first() for r in records]


def _big_png() -> bytes:
    return PNG + b"\0" * (max_bytes() + 1)


def _variants(form: PageForm, fields: dict, world):
    """(label, data, files): one post per kind with all its fields hostile, and one post per
    text field with a NUL byte and with 100,000 characters."""
    texts = [f.name for f in form.of_kind("text") if not isinstance(fields.get(f.name), DateField)]
    # a required plain text field left empty on a new record's form gets a harmless value,
    # so that the post is refused for the hostile field alone
    base = {
        **form.values(),
        **{
            name: "测试"
            for name in texts
            if not form.fields[name].value
            and type(fields.get(name)) is CharField
            and fields[name].required
        },
    }
    dates = [f.name for f in form.fields.values() if f.kind == "date"]
    dates += [n for n in texts if isinstance(fields.get(n), DateField)]
    texts = [n for n in texts if n not in dates]
    ids = [f.name for f in form.of_kind("choice", "id") if _model_of(f.name, fields)]
    files = [f.name for f in form.of_kind("file")]
    if texts:
        yield "script in every text field", {**base, **dict.fromkeys(texts, SCRIPT)}, {}, False
        breakout = {**base, **dict.fromkeys(texts, BREAKOUT)}
        yield "attribute breakout in every text field", breakout, {}, False
        for name in texts:
            yield f"markup in {name}", {**base, name: BREAKOUT + SCRIPT}, {}, False
            yield f"NUL byte in {name}", {**base, name: NUL}, {}, True
            yield f"100,000 characters in {name}", {**base, name: LONG}, {}, True
    for bad in BAD_DATES:
        if dates:
            yield f"{bad} in {', '.join(dates)}", {**base, **dict.fromkeys(dates, bad)}, {}, True
    for name in ids:
        other = world.record(OTHER, _model_of(name, fields))
        if other is not None:
            yield f"another street's id in {name}", {**base, name: str(other.pk)}, {}, True
        yield f"{NOT_AN_ID!r} in {name}", {**base, name: NOT_AN_ID}, {}, True
    for name in files:
        for climbing in CLIMBING_NAMES:
            upload = SimpleUploadedFile(climbing, PNG, content_type="image/png")
            yield f"file named {climbing} in {name}", base, {name: upload}, False
        big = SimpleUploadedFile("big.png", _big_png(), content_type="image/png")
        yield f"a file over the limit in {name}", base, {name: big}, True


def _model_of(name, fields):
    form_field = fields.get(name)
    if isinstance(form_field, ModelChoiceField):
        return form_field.queryset.model
    return NAME_MODELS.get(name.rsplit("-", 1)[-1])


def _opened_form(client, world, url):
    for persona in PERSONAS:
        client.force_login(world.users[persona])
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        forms = [
            f
            for f in post_forms(response.content.decode(), url)
            if not f.action.startswith(NOT_OURS)
        ]
        if forms:
            return persona, response, forms
    return None, None, []


def _shows_raw_markup(body: str) -> bool:
    return SCRIPT in body or "<img src=x>" in body


def _stored_names_climb() -> list[str]:
    names = [(a.file.name, a.original_name) for a in Attachment.objects.all()]
    names += [(p.file.name, p.original_name) for p in ProblemPhoto.objects.all()]
    return [
        f"{stored} / {original}"
        for stored, original in names
        if ".." in original or "/" in original or "\\" in original or ".." in stored
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("route", PAGE_ROUTES)
def test_hostile_input_in_each_form_is_refused_or_saved_safely(world, route):
    name = ROUTES[route][0]
    url, records = _url_and_records(world, name)
    if url is None:
        pytest.skip("no record of the world to open")
    client = Client(raise_request_exception=False)
    persona, page, forms = _opened_form(client, world, url)
    if not forms:
        pytest.skip("shows no POST form")
    fields = _context_fields(page)
    problems = []
    seen = set()
    for form in forms:
        if form.action in seen:
            continue
        seen.add(form.action)
        for label, data, files, must_refuse in _variants(form, fields, world):
            problems += _post(client, form, label, data, files, must_refuse, records)
        tampered = _tampered_address(world, name, form.action)
        if tampered:
            problems += _post(
                client,
                PageForm(tampered, form.enctype, form.fields),
                "another street's id in the address",
                {**form.values(), **{f.name: "测试" for f in form.of_kind("text")}},
                {},
                True,
                records,
            )
    assert not problems, f"{persona} on {url}:\n" + "\n".join(problems)


def _post(client, form, label, data, files, must_refuse, records) -> list[str]:
    before, snapshot = _counts(), _snapshot(records)
    with transaction.atomic():
        response = client.post(form.action, {**data, **files})
        if response.status_code >= 500:
            transaction.set_rollback(True)
    where = f"{form.action} {label}"
    status = response.status_code
    if status >= 500:
        return [f"{where}: {status}"]
    problems = []
    body = response.content.decode(errors="replace")
    if _shows_raw_markup(body):
        problems.append(f"{where}: the answer shows the markup unescaped")
    refused_by_message = any(
        m.level >= messages.WARNING for m in response.wsgi_request._messages._queued_messages
    )
    saved = status in (301, 302, 303) and not refused_by_message
    if saved and must_refuse:
        problems.append(f"{where}: saved, not refused")
    if saved:
        location = response["Location"]
        if not location.startswith(NOT_OURS) and "login" not in location:
            followed = client.get(location)
            if followed.status_code >= 500:
                problems.append(f"{where}: the page after saving answers {followed.status_code}")
            elif _shows_raw_markup(followed.content.decode(errors="replace")):
                problems.append(f"{where}: {location} shows the markup unescaped")
    else:
        after = _counts()
        changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
        if changed:
            problems.append(f"{where}: refused ({status}) but rows changed: {changed}")
        if _snapshot(records) != snapshot:
            problems.append(f"{where}: refused ({status}) but the record changed")
    problems += [f"{where}: stored file name {n}" for n in _stored_names_climb()]
    return problems


# the parameters a list page may read without showing them in a form
LOOSE_PARAMETERS = ("q", "search", "page", "sort", "year", "month", "date_from", "date_to")


@pytest.mark.django_db
@pytest.mark.parametrize("route", PAGE_ROUTES)
def test_hostile_input_in_each_filter_and_search_never_fails(world, route):
    """GET forms (filters, searches) and the common list parameters with a NUL byte (which
    PostgreSQL refuses in a query), 100,000 characters, dates that do not exist and values
    that are not ids: the page answers (a list, or a message), never a server error."""
    name = ROUTES[route][0]
    url, _records = _url_and_records(world, name)
    if url is None:
        pytest.skip("no record of the world to open")
    client = Client(raise_request_exception=False)
    problems = []
    for persona in PERSONAS:
        client.force_login(world.users[persona])
        page = client.get(url)
        if page.status_code != 200:
            continue
        html = "html" in page.get("Content-Type", "")  # else JSON: a search, say
        forms = [
            f
            for f in (get_forms(page.content.decode(), url) if html else [])
            if not f.action.startswith(NOT_OURS)
        ]
        queries = [dict.fromkeys(LOOSE_PARAMETERS, NUL)]
        for form in forms:
            shown = form.values()
            texts = form.of_kind("text")
            queries += [
                {**shown, **{f.name: NUL for f in texts}},
                {**shown, **{f.name: LONG for f in texts}},
                {**shown, **{f.name: BAD_DATES[0] for f in form.of_kind("date")}},
                {**shown, **{f.name: BAD_DATES[1] for f in form.of_kind("date")}},
                {**shown, **{f.name: NOT_AN_ID for f in form.of_kind("choice", "id", "number")}},
                {**shown, **{f.name: NUL for f in form.of_kind("choice", "id", "number")}},
            ]
        for query in queries:
            target = url.split("?")[0]
            response = client.get(target, query)
            if response.status_code >= 500:
                shown = {k: (v[:20] if isinstance(v, str) else v) for k, v in query.items()}
                problems.append(f"{persona} GET {target} {shown!r}: {response.status_code}")
        break  # the first persona who may open the page
    assert not problems, "\n".join(problems)

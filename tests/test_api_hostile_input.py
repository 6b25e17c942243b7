"""Hostile input in every POST operation of the API, read from the OpenAPI schema: each
string field of the request body given a NUL byte or 100,000 characters, each date a day
that does not exist or lies past year 9999, each id another street's record or text.

Whatever the operation: never a server error; a 400 naming the field (another street's id
may also be a 403 or 404); no row of any table is created or changed."""

import datetime
import io
import re

import pytest
import time_machine
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from drf_spectacular.generators import SchemaGenerator
from PIL import Image

from activities.attachments import max_bytes
from activities.models import Activity, ActivityType, Attachment, Report
from activities.tests.factories import ActivityFactory
from grid.models import Community, GridCell, Household
from members.models import Member, SensitiveAccess
from organizations.models import AccessEvent, Organization, UnitOrganization
from residents.models import Facility, ResidentDataAccess
from tests.support.access_registry import API_KWARGS, API_MODELS
from tests.support.scoped_world import build_scoped_world

OWN = ("ZQA", "ZQK", "ZQS")
OTHER = "ZQD"
NUL = "名称\x00后缀"
LONG = "长" * 100_000
BAD_DATES = ("2026-02-30", "99999-01-01")
LOGS = {AccessEvent, SensitiveAccess, ResidentDataAccess}
REFUSED_ID = {400, 403, 404}


def _operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema.get("components", {}).get("schemas", {})
    found = []
    for path, operations in schema["paths"].items():
        post = operations.get("post")
        if not post:
            continue
        content = post.get("requestBody", {}).get("content", {})
        body = content.get("application/json", {}).get("schema", {})
        ref = body.get("$ref", "")
        properties = components.get(ref.rsplit("/", 1)[-1], {}).get("properties", {})
        properties = {k: v for k, v in properties.items() if not v.get("readOnly")}
        found.append((path, post["operationId"], properties))
    return found


OPERATIONS = _operations()


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
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("api-hostile-media")))
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


def _own(world, model):
    for token in OWN:
        record = world.record(token, model)
        if record is not None:
            return record
    return None


def _path_model(path: str, parameter: str):
    if parameter not in ("pk", "id"):
        return API_KWARGS.get(parameter)
    return _model_by_segment(path.strip("/").split("/")[1])


def _model_by_segment(segment: str):
    """The model of a path's first segment: the registry's basename it spells."""
    plain = re.sub(r"ies$", "y", segment.replace("-", ""))
    for basename, model in sorted(API_MODELS.items(), key=lambda kv: -len(kv[0])):
        if model is not None and plain.startswith(basename.replace("-", "")):
            return model
    return None


def _url(world, path):
    values = {}
    for parameter in re.findall(r"{(\w+)}", path):
        model = _path_model(path, parameter)
        record = _own(world, model) if model is not None else None
        if record is None:
            return None
        values[parameter] = record.pk
    return re.sub(r"{(\w+)}", lambda m: str(values[m.group(1)]), path)


def _counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model not in LOGS and not model._meta.label.startswith(("axes.", "sessions."))
    }


def _id_model(name: str):
    """The model an id field of a request names, by the field's name."""
    return {
        "organization": Organization,
        "branch": Organization,
        "from_organization": Organization,
        "to_organization": Organization,
        "grid_cell": GridCell,
        "community": Community,
        "member": Member,
        "activity": Activity,
        "activity_type": ActivityType,
        "report": Report,
        "unit": UnitOrganization,
        "facility": Facility,
        "household": Household,
    }.get(name)


def _variants(properties, world):
    for name, spec in properties.items():
        kind = spec.get("type")
        if kind == "string" and spec.get("format") == "date":
            for bad in BAD_DATES:
                yield name, bad, {400}
        elif kind == "string" and not spec.get("format") and "enum" not in spec:
            yield name, NUL, {400}
            yield name, LONG, {400}
        elif kind == "integer":
            model = _id_model(name)
            if model is not None:
                other = world.record(OTHER, model)
                if other is not None:
                    yield name, other.pk, REFUSED_ID
            yield name, "abc", {400}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "properties"),
    [pytest.param(path, props, id=path) for path, _op, props in OPERATIONS],
)
def test_hostile_input_to_each_post_operation_is_a_400_naming_the_field(world, path, properties):
    url = _url(world, path)
    if url is None:
        pytest.skip("no record of the world for its path")
    client = Client(raise_request_exception=False)
    client.force_login(world.users["street_staff"])
    problems = []
    for name, value, expected in _variants(properties, world):
        before = _counts()
        with transaction.atomic():
            response = client.post(url, {name: value}, content_type="application/json")
            if response.status_code >= 500:
                transaction.set_rollback(True)
        where = f"{url} {name}={str(value)[:20]!r}"
        if response.status_code not in expected:
            problems.append(f"{where}: {response.status_code}, not {sorted(expected)}")
            continue
        if response.status_code == 400 and expected == {400}:
            errors = response.json()
            if not isinstance(errors, dict) or name not in errors:
                problems.append(f"{where}: the 400 does not name {name}: {str(errors)[:200]}")
        if _counts() != before:
            problems.append(f"{where}: refused but rows changed")
    assert not problems, "\n".join(problems)


def test_the_walk_covers_the_api_s_post_operations():
    assert len(OPERATIONS) >= 10
    assert sum(len(props) for _path, _op, props in OPERATIONS) >= 40


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["../../etc/passwd", "..\\..\\x.png", "<b>照片</b>.png"])
def test_an_uploaded_file_keeps_only_a_safe_last_part_of_its_name(world, name):
    # an activity of branch A without a report under review, so that it may be changed
    activity = ActivityFactory(organization=_own(world, Organization))
    client = Client()
    client.force_login(world.users["street_staff"])

    response = client.post(
        f"/api/activities/{activity.pk}/attachments/",
        {"file": SimpleUploadedFile(name, PNG, content_type="image/png")},
    )

    assert response.status_code == 201, response.content
    attachment = Attachment.objects.get(pk=response.json()[0]["id"])
    for stored in (attachment.original_name, attachment.file.name.rsplit("/", 1)[-1]):
        assert "/" not in stored and "\\" not in stored and ".." not in stored
        assert "<" not in stored


@pytest.mark.django_db
def test_an_upload_over_the_limit_is_a_400_and_nothing_is_stored(world):
    # an activity of branch A without a report under review, so that it may be changed
    activity = ActivityFactory(organization=_own(world, Organization))
    client = Client()
    client.force_login(world.users["street_staff"])
    before = _counts()
    big = PNG + b"\0" * (max_bytes() + 1)

    response = client.post(
        f"/api/activities/{activity.pk}/attachments/",
        {"file": SimpleUploadedFile("big.png", big, content_type="image/png")},
    )

    assert response.status_code == 400
    assert "attachments" in response.json()
    assert _counts() == before

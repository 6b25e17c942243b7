"""The API against its own OpenAPI schema (schemathesis): every operation, with generated
parameters and bodies, logged in as the demo branch secretary and as the demo street staff on
the demo street. No answer may be a server error, and every answer (status code, content
type, headers and body) must be one the schema declares.

Reproducible: a fixed seed, derandomized generation, the date pinned. CI runs it on PostgreSQL;
it runs on SQLite too.
"""

import datetime
import io
import json
import zoneinfo

import pytest
import schemathesis
import time_machine
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.models import User

pytestmark = pytest.mark.api_schema

EXAMPLES = 100  # generated cases per operation, each sent as one of the logins
SEED = 20261126
DAY = datetime.datetime(2026, 11, 26, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
LOGINS = ("secretary", "street")
MEMBERS = 300  # members of the demo street: every kind of record, quick to build
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
CSRF_TOKEN = "schemathesisschemathesisschemath"  # any 32 letters: the cookie and the header agree
KNOWN_IDS: dict[str, list[int]] = {}  # list path -> ids of the demo street's rows


def _load_schema():
    raw = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(public=True)))
    config = SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "generation": {
                "max-examples": EXAMPLES,
                "deterministic": True,
                "database": "none",
            },
            # the boundary values of every parameter and property, combined, come to about a
            # thousand cases for an operation with a body: out of the time budget
            "phases": {"coverage": {"enabled": False}},
        }
    )
    loaded = schemathesis.openapi.from_dict(raw, config=config)
    loaded.app = WSGIHandler()
    return loaded


schema = _load_schema()


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Half of the ids are rows that exist (in or out of the login's scope), so that the
    operations on one object are tried on real objects, not only on 404s."""
    known = KNOWN_IDS.get(context.operation.path.partition("{")[0], [])
    if not path_parameters or "id" not in path_parameters or not known:
        return st.just(path_parameters)
    return st.one_of(
        st.just(path_parameters),
        st.sampled_from(known).map(lambda pk: {**path_parameters, "id": pk}),
    )


@pytest.fixture(scope="module")
def demo_street(django_db_setup, django_db_blocker):
    """The demo street, built once for the module and rolled back after it."""
    with (
        time_machine.travel(DAY, tick=True),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command(
            "seed_demo",
            members_per_street=MEMBERS,
            stdout=io.StringIO(),
            allow_without_debug=True,
        )
        street = Client()
        street.force_login(User.objects.get(username="street"))
        for path in {path.partition("{")[0] for path in schema.raw_schema["paths"]}:
            response = street.get(path)
            if response.status_code == 200 and "results" in response.json():
                KNOWN_IDS[path] = [
                    row["id"] for row in response.json()["results"][:10] if "id" in row
                ]
        yield
        KNOWN_IDS.clear()
        transaction.set_rollback(True)


@pytest.fixture
def sessions(demo_street, db, settings):
    """The logins' session cookies; requests go straight to the WSGI handler, inside the
    test's transaction (as Django's test client does, the handler must not close it)."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    cookies = {}
    for username in LOGINS:
        client = Client()
        client.force_login(User.objects.get(username=username))
        cookies[username] = {
            "sessionid": client.cookies["sessionid"].value,
            "csrftoken": CSRF_TOKEN,
        }
    try:
        with time_machine.travel(DAY, tick=True):
            yield cookies
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@schema.given(login=st.sampled_from(LOGINS))
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # bounded: no shrinking of a failing case
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # the logins and the data serve every case
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
def test_the_api_answers_as_its_schema_says(case, login, sessions):
    case.call_and_validate(
        base_url="http://localhost",  # the host schemathesis gives its cookies
        headers={"X-CSRFToken": CSRF_TOKEN},
        cookies=sessions[login],
        checks=CHECKS,
    )


# Answers that contradicted the schema before: a blank network and times without an offset
# (activities), a month declared as a date (dues), blank gender and end reason and nulls
# (mobile members), nulls (transfers, exemptions), a list declared as an object (overview).
FOUND_WRONG = [
    "/api/activities/",
    "/api/activities/{id}/",
    "/api/dues-records/",
    "/api/mobile-members/",
    "/api/mobile-members/{id}/",
    "/api/transfers/",
    "/api/transfers/{id}/",
    "/api/activity-exemptions/",
    "/api/compliance/overview/",
]


def _validate(operation, sessions, **parts):
    for username in LOGINS:
        operation.Case(**parts).call_and_validate(
            base_url="http://localhost",
            headers={"X-CSRFToken": CSRF_TOKEN},
            cookies=sessions[username],
            checks=CHECKS,
        )


@pytest.mark.parametrize("path", FOUND_WRONG)
def test_the_answers_found_wrong_match_the_schema(sessions, path):
    list_path = path.partition("{")[0]
    ids = KNOWN_IDS.get(list_path, []) if "{id}" in path else [None]
    for pk in ids:
        parts = {"path_parameters": {"id": pk}} if pk is not None else {}
        _validate(schema[path]["GET"], sessions, **parts)
        _validate(schema[list_path]["GET"], sessions, query={"page": 2})


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/training-courses/", {"year": 0}),  # 400
        ("/api/members/", {"page": 9999}),  # 404
        ("/api/compliance/overview/", {"month": "2026-13"}),  # 400
    ],
)
def test_error_answers_are_documented(sessions, path, query):
    _validate(schema[path]["GET"], sessions, query=query)


@pytest.mark.parametrize("path", ["/api/members/", "/api/reports/{id}/"])
def test_a_refusal_is_documented(sessions, path):
    """Without a login every operation is refused with 403, as documented."""
    parts = {"path_parameters": {"id": 1}} if "{id}" in path else {}
    response = schema[path]["GET"].Case(**parts).call(base_url="http://localhost")
    assert response.status_code == 403
    schema[path]["GET"].Case(**parts).validate_response(response, checks=CHECKS)

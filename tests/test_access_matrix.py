"""The access matrix, generated from the URL resolver and the OpenAPI schema: for every URL
pattern, each role reads, changes and deletes no record of another branch, community, street
or grid cell (403 or 404), and no answer (page, JSON, browsable API form, autocomplete,
filter choices, .xlsx export) names one.

A URL pattern that is not in the registry (tests/support/access_registry.py) fails the test:
whoever adds a URL says there which record it opens, and the matrix covers it from then on;
tests/support/access_probes.py turns each pattern into the requests asked."""

import datetime
import io
import re
import zipfile

import pytest
import time_machine
from django.db import transaction
from django.test import Client, override_settings
from drf_spectacular.generators import SchemaGenerator

from organizations.models import AccessEvent
from tests.support.access_probes import ROUTES, probes_for
from tests.support.access_registry import ADMIN_MODELS, API_KWARGS, FREE, NOT_COVERED, REFUSED
from tests.support.scoped_world import FORBIDDEN, build_scoped_world

# Running the probes

# Lists, searches, filters and writes are asked once per role, naming the nearest other
# scope (everything farther is hidden from a list the same way, and a write first opens
# the record); records are read in every other scope. Patterns that read no record are
# asked by one role.
NEAREST = {
    "secretary_a": "ZQB",
    "community_staff": "ZQC",
    "street_staff": "ZQD",
    "grid_worker": "ZQB",
    "other_street_staff": "ZQA",
}


def _body(response) -> str:
    content = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    if content[:2] == b"PK":  # an .xlsx: read every sheet and the shared strings
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            content = b"".join(book.read(n) for n in book.namelist() if n.endswith(".xml"))
    # random tokens (CSRF) could spell a scope's token by chance
    return re.sub(r"[A-Za-z0-9]{32,}", "", content.decode("utf-8", errors="replace"))


def _leaks(body, world, forbidden) -> list[str]:
    found = [t for t in forbidden if t in body]
    found += [s for t in forbidden for s in world.secrets.get(t, ()) if s and s in body]
    return found


@pytest.fixture(scope="module")
def scoped_world(django_db_setup, django_db_blocker, tmp_path_factory):
    traveller = time_machine.travel(datetime.datetime(2026, 11, 26, 10, 0, tzinfo=datetime.UTC))
    traveller.start()
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("matrix-media")))
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


def _request(client, method, url):
    data = {"post": "yes"} if method == "post" else None
    if method in ("put", "patch", "delete"):
        return getattr(client, method)(url, data="{}", content_type="application/json")
    return getattr(client, method)(url, data) if data else getattr(client, method)(url)


def _check(client, world, role, forbidden, kind, method, url) -> list[str]:
    response = _request(client, method, url)
    problems = []
    status = response.status_code
    if status >= 500:
        problems.append(f"{role} {method.upper()} {url}: {status}")
        return problems
    if kind == "object" and status not in REFUSED and not _to_login(response):
        problems.append(f"{role} {method.upper()} {url}: {status}, not refused")
    if kind == "redirect" and status in (301, 302) and not _to_login(response):
        followed = client.get(response["Location"])
        if followed.status_code not in REFUSED and not _to_login(followed):
            problems.append(f"{role} {url} -> {response['Location']}: {followed.status_code}")
    leaked = _leaks(_body(response), world, forbidden)
    if leaked:
        problems.append(f"{role} {method.upper()} {url} ({status}) shows {sorted(leaked)}")
    return problems


def _to_login(response) -> bool:
    return response.status_code == 302 and "login" in response.get("Location", "")


def _counts():
    """Rows of every admin model but the access log, which grows by design (each probe's
    login, each export) and is read-only in the admin."""
    return {
        model: model._default_manager.count() for model in ADMIN_MODELS if model is not AccessEvent
    }


@pytest.mark.django_db
@pytest.mark.parametrize("route", sorted(ROUTES))
def test_no_role_reads_changes_or_deletes_another_scope(scoped_world, route):
    client = Client(raise_request_exception=False)
    before = _counts()
    problems = []
    roles = list(FORBIDDEN)[:1] if route in FREE else FORBIDDEN
    for role in roles:
        forbidden = FORBIDDEN[role]
        client.force_login(scoped_world.users[role])
        for token in sorted(forbidden):
            for kind, method, url in probes_for(route, scoped_world, token):
                if (kind == "list" or method != "get") and token != NEAREST[role]:
                    continue
                problems += _check(client, scoped_world, role, forbidden, kind, method, url)
    assert _counts() == before, "a refused request changed or deleted records"
    assert not problems, "\n".join(problems)


def test_every_schema_operation_is_a_probed_url_pattern():
    """The OpenAPI schema and the resolver agree: each operation the schema documents is an
    API URL pattern of the matrix (with its path parameters known)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    api_routes = [r for r in ROUTES if r.startswith("api/^")]
    as_paths = {
        "/" + re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", r).replace("^", "").replace("$", "")
        for r in api_routes
    }
    for documented in schema["paths"]:
        path = documented.replace("{id}", "{pk}")  # a viewset's lookup named after the field
        if path in ("/api/schema/", "/api/docs/"):
            continue
        assert path in as_paths, f"{path} is in the schema but not a probed URL pattern"
        for parameter in re.findall(r"{(\w+)}", path):
            assert parameter == "pk" or parameter in API_KWARGS, (path, parameter)


def test_the_list_of_uncovered_patterns_names_only_existing_patterns():
    assert set(NOT_COVERED) <= set(ROUTES)

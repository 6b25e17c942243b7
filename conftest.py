"""Shared fixtures: the personas of STYLE.md, and the rule for tests that need a service.

Tests needing PostgreSQL, Redis or Chromium skip with a reason when it is absent, and fail
instead when REQUIRE_SERVICES=1 (CI sets it). Tests marked ``service_restart`` restart a
shared service and skip unless SERVICE_RESTART_TESTS=1 (a serial step of .ci/run).

FROZEN_TODAY=YYYY-MM-DD runs the whole session on that day (10:00 in the project's time
zone, the clock ticking from there): scripts/frozen-dates.sh uses it to run the date-sensitive
tests on the first and last days of months, quarters and years and on a leap day."""

import copy
import datetime
import os
import shutil
import socket
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from django.db import connection, transaction

from accounts.tests.factories import UserFactory
from grid.tests.factories import GridCellFactory, GridWorkerAssignmentFactory
from organizations.models import Role
from organizations.tests.factories import (
    PostFactory,
    branch,
    community_committee,
    party_group,
    street_committee,
)

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


def _frozen_moment(value: str) -> datetime.datetime:
    from zoneinfo import ZoneInfo

    day = datetime.date.fromisoformat(value)
    zone = ZoneInfo(os.environ.get("TIME_ZONE", "Asia/Shanghai"))
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=zone)


def pytest_configure(config):
    """Hash the test users' passwords cheaply, and travel to FROZEN_TODAY before any test
    database or data is built (each xdist worker runs this hook too)."""
    from django.conf import settings

    # PBKDF2 with Django's work factor costs about 0.2 s a user on this hardware, paid for
    # every user a factory builds and every login; the hashers themselves are Django's.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    value = os.environ.get("FROZEN_TODAY")
    if value:
        import time_machine

        traveller = time_machine.travel(_frozen_moment(value), tick=True)
        traveller.start()
        config._frozen_today = traveller


def pytest_unconfigure(config):
    traveller = getattr(config, "_frozen_today", None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config):
    value = os.environ.get("FROZEN_TODAY")
    return [f"frozen today: {value}"] if value else []


def need(service: str, available: bool, how: str) -> None:
    if available:
        return
    message = f"{service} is not available: {how}"
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{message} (REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(message)


def port_open(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), 1
        ):
            return True
    except OSError:
        return False


@pytest.fixture
def postgres():
    need(
        "PostgreSQL",
        connection.vendor == "postgresql",
        "run the suite with DATABASE_URL=postgres://… to include this test",
    )


def worker_redis_url(url: str = REDIS_URL) -> str:
    """Under pytest-xdist each worker gets a database of its own (15, 14, …), since the tests
    flush it."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        return url
    parsed = urlparse(url)
    base = int(parsed.path.strip("/") or 0)
    return parsed._replace(path=f"/{(base - int(worker[2:])) % 16}").geturl()


@pytest.fixture
def redis_url():
    url = worker_redis_url()
    need("Redis", port_open(url, 6379), f"no server at {url} (set REDIS_URL)")
    return url


@pytest.fixture
def chromium_path():
    need(
        "Chromium", bool(shutil.which(CHROMIUM)), f"{CHROMIUM} not found (apt-get install chromium)"
    )
    return CHROMIUM


def built_once(build, scope: str = "module"):
    """A fixture that runs ``build()`` once for the whole module (or class) and gives its
    result: the data lives in a transaction rolled back after the last test, and each test's
    own transaction nests inside it, so what one test changes the next does not see. For
    expensive data that the tests only read, such as the demo street."""

    def data(django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            yield build()
            transaction.set_rollback(True)

    if scope == "class":  # a fixture defined in a class body is bound to the class

        @pytest.fixture(scope=scope)
        @classmethod
        def in_class(cls, django_db_setup, django_db_blocker):
            yield from data(django_db_blocker)

        return in_class

    @pytest.fixture(scope=scope)
    def fixture(django_db_setup, django_db_blocker):
        yield from data(django_db_blocker)

    return fixture


@dataclass
class World:
    """Two streets. Street 1: community 1 with branches A (with a party group) and B,
    community 2 with branch C. Street 2: branch D directly under its working committee."""

    street1: object
    street2: object
    street_committee1: object
    street_committee2: object
    community1: object
    community2: object
    branch_a: object
    group_a: object
    branch_b: object
    branch_c: object
    branch_d: object


def build_world() -> World:
    sc1 = street_committee()
    sc2 = street_committee()
    cc1 = community_committee(sc1)
    cc2 = community_committee(sc1)
    branch_a = branch(cc1, name="A支部")
    branch_b = branch(cc1, name="B支部")
    branch_c = branch(cc2, name="C支部")
    branch_d = branch(sc2, grid_cell=GridCellFactory(community__street=sc2.street), name="D支部")
    return World(
        street1=sc1.street,
        street2=sc2.street,
        street_committee1=sc1,
        street_committee2=sc2,
        community1=cc1,
        community2=cc2,
        branch_a=branch_a,
        group_a=party_group(branch_a, name="A支部第一党小组"),
        branch_b=branch_b,
        branch_c=branch_c,
        branch_d=branch_d,
    )


SHARED_WORLD = pytest.StashKey[set]()


@pytest.fixture(scope="module", autouse=True)
def _world_of_module(request):
    """In a module whose every test asks for the world and none needs real transactions, the
    world is built once, in a transaction rolled back after the module's last test (each
    test's own transaction nests inside it)."""
    if request.module.__name__ not in request.config.stash.get(SHARED_WORLD, set()):
        yield None
        return
    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(db, _world_of_module) -> World:
    if _world_of_module is None:
        return build_world()
    # A copy per test: what a test changes on the objects (or caches on them) stays with it.
    return copy.deepcopy(_world_of_module)


def _holder(username: str, organization, role=Role.SECRETARY, **user_kwargs):
    user = UserFactory(username=username, **user_kwargs)
    PostFactory(user=user, organization=organization, role=role)
    return user


@pytest.fixture
def secretary_a(world):
    return _holder("secretary_a", world.branch_a, is_staff=True)


@pytest.fixture
def secretary_b(world):
    return _holder("secretary_b", world.branch_b, is_staff=True)


@pytest.fixture
def community_staff(world):
    return _holder("community_staff", world.community1, Role.STAFF, is_staff=True)


@pytest.fixture
def street_staff(world):
    return _holder("street_staff", world.street_committee1, Role.STAFF, is_staff=True)


@pytest.fixture
def other_street_staff(world):
    return _holder("other_street_staff", world.street_committee2, Role.STAFF, is_staff=True)


@pytest.fixture
def grid_worker(world):
    user = UserFactory(username="grid_worker")
    GridWorkerAssignmentFactory(user=user, grid_cell=world.branch_a.grid_cell)
    return user


@pytest.fixture
def no_post_user(db):
    return UserFactory(username="no_post")


@pytest.fixture
def superuser(db):
    return UserFactory(username="root_admin", is_staff=True, is_superuser=True)


SERVICE_RESTART_SKIP = (
    "restarts a service the machine shares (PostgreSQL), which would break tests running "
    "beside it: run alone with SERVICE_RESTART_TESTS=1 (the last step of .ci/run)"
)
SERVICE_MARKERS = {"postgres": "postgres", "redis_url": "redis", "chromium_path": "browser"}


def pytest_collection_modifyitems(config, items):
    """A test that asks for a service fixture carries the service's marker, so that
    ``-m "not postgres"`` leaves out exactly the tests that cannot run on SQLite. The modules
    whose tests all use the world, and none real transactions, share one world (SHARED_WORLD)."""
    by_module: dict[str, list[bool]] = {}
    restarts_allowed = os.environ.get("SERVICE_RESTART_TESTS") == "1"
    for item in items:
        if not restarts_allowed and item.get_closest_marker("service_restart"):
            # a skip, not a missing service: REQUIRE_SERVICES=1 leaves it a skip
            item.add_marker(pytest.mark.skip(reason=SERVICE_RESTART_SKIP))
        names = getattr(item, "fixturenames", ())
        for fixture, marker in SERVICE_MARKERS.items():
            if fixture in names:
                item.add_marker(getattr(pytest.mark, marker))
        module = getattr(item, "module", None)
        if module is not None:
            by_module.setdefault(module.__name__, []).append(_may_share_world(item, names))
    config.stash[SHARED_WORLD] = {name for name, shared in by_module.items() if all(shared)}


def _may_share_world(item, names) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    return (
        "world" in names
        and not transactional
        and not {"transactional_db", "live_server", "django_db_reset_sequences"} & set(names)
    )


@pytest.fixture
def english(settings):
    """Tests that read message texts run in English, whatever the catalogue says."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a test that switched language (a request
    with Accept-Language, translation.activate) must not leak it into the next one."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploads made by tests go to a temporary folder, never to the project's var/media."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))

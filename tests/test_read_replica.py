"""A read replica (README, "Beyond one machine"; config/db_routers.py): with DATABASE_REPLICA_URL
set, the figure pages read from a second connection, everything else from the primary.

The tests configure the ``replica`` alias as DATABASE_REPLICA_URL would, as a second connection
to the test database (a test mirror), and commit their data (transaction=True) so that the
second connection sees it."""

import copy
import json
import re

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.db_routers import (
    ACCESS_MODELS,
    AFTER_WRITE_COOKIE,
    PRIMARY,
    REPLICA,
    ReplicaRouter,
    reads_from_replica,
)
from organizations import scoping
from organizations.models import Organization, Post
from tests.test_settings import PRODUCTION, run_manage

ACCESS_TABLES = {"accounts_user", "django_session", "organizations_post"}
ACCESS_TABLES |= {"grid_gridworkerassignment"}


# The alias exists only while this module's tests run (the fixture below), not when the test
# databases are created: module-scoped, the fixture runs before the django_db mark's setup,
# which checks the aliases the mark names.
with_replica = pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA])


def need_form(world) -> str:
    """A form page: a need of the street's first community, to be recorded."""
    return f"{reverse('activities:need_create')}?community={world.community1.community_id}"


@pytest.fixture(scope="module")
def replica(django_db_setup):
    """The ``replica`` alias, a second connection to the test database."""
    if REPLICA in connections.settings:  # DATABASE_REPLICA_URL is set: its test mirror
        yield connections[REPLICA]
        return
    config = copy.deepcopy(connections[PRIMARY].settings_dict)
    config["TEST"] = {**config.get("TEST", {}), "MIRROR": PRIMARY}
    connections.settings[REPLICA] = config
    yield connections[REPLICA]
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


def tables_read(queries) -> set[str]:
    return {
        match
        for query in queries
        for match in re.findall(r'FROM "?(\w+)"?', query["sql"])
        if query["sql"].lstrip().upper().startswith("SELECT")
    }


def get_capturing(client, url, **extra):
    with (
        CaptureQueriesContext(connections[PRIMARY]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as second,
    ):
        response = client.get(url, **extra)
    return response, primary, second


@with_replica
def test_the_home_pages_figures_are_read_from_the_replica(client, replica, world, street_staff):
    client.force_login(street_staff)

    response, primary, second = get_capturing(client, reverse("home"))

    assert response.status_code == 200
    # the replica saw the committed rows: the street's organizations are counted
    assert (
        response.context["organization_total"]
        == Organization.objects.filter(scoping.under_q(world.street_committee1, field=None)).count()
    )
    assert "organizations_organization" in tables_read(second.captured_queries)
    # the primary answered only the reads that decide access (session, user, posts)
    assert tables_read(primary.captured_queries) <= ACCESS_TABLES
    assert "organizations_post" not in tables_read(second.captured_queries)


@with_replica
@pytest.mark.parametrize(
    "url",
    [
        "activities:volunteer",
        "activities:type_mix",
        "residents:figures",
    ],
)
def test_the_figure_pages_read_from_the_replica(client, replica, world, street_staff, url):
    client.force_login(street_staff)

    response, primary, second = get_capturing(client, reverse(url))

    assert response.status_code == 200
    assert second.captured_queries
    assert tables_read(primary.captured_queries) <= ACCESS_TABLES


@with_replica
def test_a_form_page_and_a_write_read_nothing_from_the_replica(
    client, replica, world, street_staff
):
    client.force_login(street_staff)

    response, primary, second = get_capturing(client, need_form(world))
    assert response.status_code == 200
    assert primary.captured_queries and not second.captured_queries

    with (
        CaptureQueriesContext(connections[PRIMARY]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as second,
    ):
        response = client.post(need_form(world), {})
    assert response.status_code == 200  # the form again, with its errors
    assert primary.captured_queries and not second.captured_queries


@with_replica
def test_after_a_write_the_same_browser_reads_the_figures_from_the_primary(
    client, replica, world, street_staff
):
    client.force_login(street_staff)
    response = client.post(need_form(world), {})
    cookie = response.cookies[AFTER_WRITE_COOKIE]
    assert cookie["max-age"] == settings.DATABASE_REPLICA_LAG_SECONDS
    assert cookie["httponly"] and cookie["samesite"] == "Lax"

    response, primary, second = get_capturing(client, reverse("home"))

    assert response.status_code == 200
    assert "organizations_organization" in tables_read(primary.captured_queries)
    assert not second.captured_queries


@with_replica
def test_the_routers_rules(replica, world):
    router = ReplicaRouter()
    organization = Organization.objects.get(pk=world.branch_a.pk)

    assert router.db_for_read(Organization) == PRIMARY  # outside the context
    with reads_from_replica():
        assert router.db_for_read(Organization) == REPLICA
        assert router.db_for_write(Organization) == PRIMARY
        assert router.db_for_read(Post) == PRIMARY  # a read that decides access
        with transaction.atomic():  # a transaction on the primary keeps its reads there
            assert router.db_for_read(Organization) == PRIMARY
        replica_copy = Organization.objects.get(pk=organization.pk)
    assert replica_copy._state.db == REPLICA
    assert router.db_for_read(Organization) == PRIMARY
    assert router.allow_relation(organization, replica_copy) is True
    assert router.allow_migrate(PRIMARY, "organizations") is True
    assert router.allow_migrate(REPLICA, "organizations") is False
    assert {"accounts.user", "organizations.post"} <= ACCESS_MODELS


def test_database_replica_url_adds_a_mirrored_alias():
    result = run_manage(
        "shell",
        "-c",
        "import json; from django.conf import settings as s; "
        "print(json.dumps({k: {'test': v['TEST'], 'age': v['CONN_MAX_AGE'], "
        "'checks': v['CONN_HEALTH_CHECKS'], 'host': v['HOST']} for k, v in s.DATABASES.items()}))",
        env_overrides={
            **PRODUCTION,
            "DATABASE_REPLICA_URL": "postgres://party:secret@replica.internal:5432/party",
        },
    )
    assert result.returncode == 0, result.stderr
    databases = json.loads(result.stdout.strip().splitlines()[-1])
    assert databases[REPLICA]["host"] == "replica.internal"
    assert databases[REPLICA]["test"].get("MIRROR") == PRIMARY
    assert databases[REPLICA]["age"] == databases[PRIMARY]["age"] == 60
    assert databases[REPLICA]["checks"] is True

"""No select box lists more than SELECT_LIMIT rows: with more than that many branches, grid
cells and members in one street, every page (walked from the URL resolver, as the superuser
and as the street's staff) renders no <select> of more than SELECT_LIMIT options; the longer
choices are a search box backed by a scoped JSON search, and a posted id is still validated
against the form's scoped queryset."""

import datetime
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
import time_machine
from django import forms
from django.contrib import admin
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse

from accounts.tests.factories import UserFactory
from config.forms import SELECT_LIMIT, style_for_bootstrap
from members.models import Member
from organizations.models import Organization
from tests.support.access_probes import ROUTES
from tests.support.access_registry import FREE, PAGE_ARGS
from tests.support.many_choices import many_branches, many_members
from tests.support.scoped_world import build_scoped_world

OWN = ("ZQA", "ZQK", "ZQS")  # the street staff's branch A, community K and street S
PAGE_ROUTES = sorted(
    route
    for route, (name, _pattern) in ROUTES.items()
    if name and not route.startswith(("admin/", "api/")) and route not in FREE
)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    traveller = time_machine.travel(datetime.datetime(2026, 11, 26, 10, 0, tzinfo=datetime.UTC))
    traveller.start()
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = build_scoped_world()
            branch_a = world.record("ZQA", Organization)
            many_branches(branch_a.parent)
            many_members(branch_a)
            world.users["superuser"] = UserFactory(
                username="m_superuser", is_superuser=True, is_staff=True
            )
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            traveller.stop()


class _Selects(HTMLParser):
    """name (or id) -> number of options, for every <select> of a page."""

    def __init__(self):
        super().__init__()
        self.counts: dict[str, int] = {}
        self.current = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "select":
            self.current = a.get("name") or a.get("id") or f"select {len(self.counts)}"
            self.counts[self.current] = 0
        elif tag == "option" and self.current is not None:
            self.counts[self.current] += 1

    def handle_endtag(self, tag):
        if tag == "select":
            self.current = None


def _select_sizes(html: str) -> dict[str, int]:
    reader = _Selects()
    reader.feed(html)
    return reader.counts


def _own_url(world, name) -> str | None:
    kwargs = {}
    for key, value in PAGE_ARGS.get(name, {}).items():
        if isinstance(value, type):
            record = next(
                (world.record(t, value) for t in OWN if world.record(t, value) is not None),
                None,
            )
            if record is None:
                return None
            value = record.pk
        kwargs[key] = value
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


@pytest.mark.django_db
@pytest.mark.parametrize("route", PAGE_ROUTES)
def test_no_page_lists_more_than_the_limit_in_a_select(world, route):
    url = _own_url(world, ROUTES[route][0])
    if url is None:
        pytest.skip("no record of the world to open")
    client = Client(raise_request_exception=False)
    too_long = []
    for persona in ("superuser", "street_staff"):
        client.force_login(world.users[persona])
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        sizes = _select_sizes(response.content.decode())
        too_long += [
            f"{persona}: {n} ({count})" for n, count in sizes.items() if count > SELECT_LIMIT
        ]
    assert not too_long, f"{url}: selects longer than {SELECT_LIMIT}: {too_long}"


def _form_of(queryset, value=None):
    class PickForm(forms.Form):
        organization = forms.ModelChoiceField(queryset=queryset, label="organization")

    form = PickForm({"organization": value} if value is not None else None)
    style_for_bootstrap(form)
    return form


@pytest.mark.django_db
def test_a_choice_of_at_most_the_limit_renders_a_select(world):
    rows = Organization.objects.filter(name__startswith="批量支部").order_by("pk")
    html = str(_form_of(rows.filter(pk__in=rows.values("pk")[:SELECT_LIMIT]))["organization"])
    assert html.startswith("<select") and html.count("<option") == SELECT_LIMIT + 1
    assert "data-autocomplete-url" not in html


@pytest.mark.django_db
def test_a_choice_beyond_the_limit_renders_a_search_box_showing_the_chosen_row(world):
    rows = Organization.objects.filter(name__startswith="批量支部").order_by("pk")
    chosen = rows.last()
    html = str(_form_of(rows, value=chosen.pk)["organization"])
    assert "<select" not in html and "<option" not in html
    assert f'data-autocomplete-url="{reverse("organizations:search_organizations")}"' in html
    assert f'<input type="hidden" name="organization" value="{chosen.pk}"' in html
    assert f'value="{chosen.name}"' in html
    assert 'id="id_organization"' in html and 'role="combobox"' in html


@pytest.mark.django_db
def test_a_search_box_still_refuses_a_row_outside_its_queryset(world):
    rows = Organization.objects.filter(name__startswith="批量支部")
    other = world.record("ZQD", Organization)
    form = _form_of(rows, value=other.pk)
    assert not form.is_valid() and "organization" in form.errors


def _search(client, name, term) -> list[str]:
    response = client.get(reverse(name) + "?" + urlencode({"q": term}))
    assert response.status_code == 200
    return [row["label"] for row in response.json()["results"]]


@pytest.mark.django_db
def test_the_organization_search_answers_the_users_scope_only(world):
    client = Client()
    client.force_login(world.users["street_staff"])
    found = _search(client, "organizations:search_organizations", "QA支部")
    assert found == ["ZQA支部"]
    assert _search(client, "organizations:search_organizations", "QD支部") == []
    client.force_login(world.users["secretary_a"])
    assert _search(client, "organizations:search_organizations", "QB支部") == []


@pytest.mark.django_db
def test_the_grid_cell_member_and_household_searches_answer_the_users_scope_only(world):
    client = Client()
    client.force_login(world.users["street_staff"])
    cells = _search(client, "organizations:search_grid_cells", "QA网格")
    assert len(cells) == 1 and cells[0].startswith("ZQA网格")
    assert _search(client, "organizations:search_grid_cells", "QD网格") == []
    assert _search(client, "members:search", "QA党员") == ["ZQA党员"]
    assert _search(client, "members:search", "QD党员") == []
    assert _search(client, "residents:household_search", "QA路") == ["ZQA路1号 · ZQA网格"]
    assert _search(client, "residents:household_search", "QD路") == []


@pytest.mark.django_db
def test_a_search_answers_at_most_twenty_rows_and_nothing_for_an_empty_term(world):
    client = Client()
    client.force_login(world.users["superuser"])
    assert len(_search(client, "organizations:search_organizations", "批量支部")) == 20
    assert len(_search(client, "members:search", "批量党员")) == 20
    assert _search(client, "organizations:search_organizations", " ") == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "organizations:search_organizations",
        "organizations:search_grid_cells",
        "members:search",
        "residents:household_search",
    ],
)
def test_a_search_for_a_nul_byte_finds_nothing_and_never_fails(world, name):
    client = Client()
    client.force_login(world.users["superuser"])
    response = client.get(reverse(name), {"q": "\x00"})
    assert response.status_code == 200 and response.json() == {"results": []}
    # the NUL is dropped, the rest of the term still searches
    assert len(_search(client, "organizations:search_organizations", "批量\x00支部")) == 20


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "organizations:search_organizations",
        "organizations:search_grid_cells",
        "members:search",
        "residents:household_search",
    ],
)
def test_a_search_requires_login(world, name):
    response = Client().get(reverse(name) + "?q=ZQ")
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.django_db
def test_the_member_roll_filters_by_a_searched_branch_and_refuses_another_streets(world):
    client = Client()
    client.force_login(world.users["street_staff"])
    page = client.get(reverse("members:list")).content.decode()
    assert 'name="organization"' in page and "data-autocomplete-url" in page
    branch_a = world.record("ZQA", Organization)
    chosen = client.get(reverse("members:list") + f"?organization={branch_a.pk}")
    assert f'value="{branch_a.name}"' in chosen.content.decode()
    assert "ZQA党员" in chosen.content.decode()
    other = world.record("ZQD", Organization)
    refused = client.get(reverse("members:list") + f"?organization={other.pk}")
    assert "ZQD" not in refused.content.decode()


@pytest.mark.django_db
def test_a_posted_branch_of_another_street_is_refused_on_a_page_form(world):
    client = Client()
    client.force_login(world.users["street_staff"])
    other = world.record("ZQD", Organization)
    before = Member.objects.count()
    response = client.post(reverse("members:add"), {"name": "新党员", "organization": other.pk})
    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert Member.objects.count() == before


# lists of the framework's own that do not grow with the district
NOT_DISTRICT_LISTS = {"permissions", "user_permissions", "timezone"}


def _admin_pages(world):
    for model, _model_admin in admin.site._registry.items():
        meta = model._meta
        yield reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
        record = next((world.record(t, model) for t in OWN if world.record(t, model)), None)
        if record is not None:
            yield reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


@pytest.mark.django_db
def test_no_admin_form_lists_more_than_the_limit_in_a_select(world):
    client = Client(raise_request_exception=False)
    too_long = []
    for persona in ("superuser", "street_staff"):
        client.force_login(world.users[persona])
        for url in _admin_pages(world):
            response = client.get(url)
            if response.status_code != 200:
                continue
            sizes = _select_sizes(response.content.decode())
            too_long += [
                f"{persona} {url}: {name} ({count})"
                for name, count in sizes.items()
                if count > SELECT_LIMIT and name not in NOT_DISTRICT_LISTS
            ]
    assert not too_long, "\n".join(too_long)

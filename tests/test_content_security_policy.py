"""Production settings as pages and the API see them: the Content Security Policy header
(django-csp, config/settings.py), X-Frame-Options, and CSRF on every unsafe API method under
session authentication (Django REST framework's SessionAuthentication enforces it)."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.authentication import SessionAuthentication

from members.models import Member
from members.tests.factories import MemberFactory
from tests.test_no_inline_script import ROOT, template_files

INCLUDE = re.compile(r"""{%\s*include\s+["']([^"']+)["']""")
POST_FORM = re.compile(r"""<form\b[^>]*\bmethod\s*=\s*["']?post""", re.IGNORECASE)


def directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_strict_policy(response):
    policy = directives(response)
    for name in ("default-src", "script-src", "style-src", "font-src", "connect-src"):
        assert policy[name] == ["'self'"], (name, policy[name])
    # Bootstrap's stylesheet draws its form controls with data:image/svg+xml
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    header = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_login_page_carries_the_policy(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert_strict_policy(response)


@pytest.mark.parametrize(
    "url_name",
    ["home", "members:list", "activities:compliance", "organizations:tree", "api-docs"],
)
def test_pages_carry_the_policy(client, world, secretary_a, url_name):
    client.force_login(secretary_a)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert_strict_policy(response)


def test_the_api_docs_script_is_a_file_of_its_own(client, world, secretary_a):
    """drf-spectacular's split view: the page loads its script from ?script, not inline."""
    client.force_login(secretary_a)
    page = client.get(reverse("api-docs")).content.decode()
    assert "<style>" not in page
    assert f'<script src="{reverse("api-docs")}?script=' in page
    script = client.get(reverse("api-docs"), {"script": ""})
    assert script.status_code == 200
    assert script.headers["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content


def test_the_base_page_turns_off_htmx_inline_styles_and_loads_the_app_script(
    client, world, secretary_a
):
    client.force_login(secretary_a)
    page = client.get(reverse("home")).content.decode()
    assert '"includeIndicatorStyles": false' in page
    assert "/static/js/app.js" in page


# CSRF on the API


def all_views():
    """(route, view function) of every URL of the project."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield route.replace("^", ""), pattern.callback

    return list(walk(get_resolver().url_patterns))


def api_views():
    """Every view class reachable under /api/."""
    return [
        (route, view.cls)
        for route, view in all_views()
        if route.startswith("api/") and getattr(view, "cls", None) is not None
    ]


def test_no_page_is_exempt_from_csrf():
    """Django's CsrfViewMiddleware guards every form; only the API's views are marked exempt
    by Django REST framework, which checks CSRF itself in SessionAuthentication (below)."""
    exempt = [
        route
        for route, view in all_views()
        if getattr(view, "csrf_exempt", False) and getattr(view, "cls", None) is None
    ]
    assert exempt == []


def test_every_post_form_carries_the_csrf_token():
    """Each <form method="post"> of the templates has {% csrf_token %} inside it, itself or
    in a template it includes."""
    files = template_files()
    by_name = {}
    for path in files:
        parts = path.relative_to(ROOT).parts
        by_name["/".join(parts[parts.index("templates") + 1 :])] = path

    def with_includes(text: str, depth: int = 0) -> str:
        if depth > 3:
            return text
        included = [by_name.get(name) for name in INCLUDE.findall(text)]
        return text + "".join(
            with_includes(p.read_text(encoding="utf-8"), depth + 1) for p in included if p
        )

    missing = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for match in POST_FORM.finditer(text):
            end = text.find("</form>", match.end())
            body = text[match.end() : end if end != -1 else None]
            if "{% csrf_token %}" not in with_includes(body):
                line = text.count("\n", 0, match.start()) + 1
                missing.append(f"{path.relative_to(ROOT)}:{line}")
    assert missing == []


def test_every_api_view_authenticates_by_session_with_csrf():
    views = api_views()
    assert len(views) > 10
    for route, cls in views:
        for authentication in getattr(cls, "authentication_classes", []):
            assert issubclass(authentication, SessionAuthentication), (route, authentication)
            # a subclass that skips the check (a common "csrf_exempt" recipe) is refused
            assert authentication.enforce_csrf is SessionAuthentication.enforce_csrf, route


@pytest.fixture
def csrf_client(secretary_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretary_a)
    client.get(reverse("home"))  # the page sets the csrftoken cookie
    return client


MEMBER = {
    "name": "孙八",
    "gender": "F",
    "birth_date": "1990-03-07",
    "id_number": "51010419900307004X",
    "employment": "employed",
    "status": "full",
    "joined_on": "2015-07-01",
    "full_member_on": "2016-07-01",
}


def test_an_api_post_without_the_csrf_token_is_refused(csrf_client, world):
    response = csrf_client.post(
        "/api/members/",
        {**MEMBER, "organization": world.branch_a.pk},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Member.objects.exists()


def test_an_api_post_with_the_csrf_token_passes(csrf_client, world):
    token = csrf_client.cookies["csrftoken"].value
    response = csrf_client.post(
        "/api/members/",
        {**MEMBER, "organization": world.branch_a.pk},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 201, response.content
    assert Member.objects.count() == 1


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_unsafe_api_methods_without_the_token_are_refused(csrf_client, world, method):
    member = MemberFactory(organization=world.branch_a)
    response = getattr(csrf_client, method)(
        f"/api/members/{member.pk}/", {"name": "改名"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    member.refresh_from_db()
    assert member.name != "改名"


def test_safe_api_methods_need_no_token(csrf_client, world):
    assert csrf_client.get("/api/members/").status_code == 200

"""The probes of the access matrix: the URL patterns of the resolver, and for each the requests
that a role asks of another scope's records (reads, writes, lists, searches and filters)."""

import re
from urllib.parse import urlencode

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import User
from activities.models import (
    Activity,
    Report,
)
from grid.models import Community, GridCell
from members.models import (
    Member,
    MobileMember,
    Transfer,
)
from organizations.models import (
    Organization,
)
from tests.support.access_registry import (
    ADMIN_GLOBAL,
    ADMIN_MODELS,
    API_KWARGS,
    API_MODELS,
    FREE,
    NOT_COVERED,
    PAGE_ARGS,
    SEARCHES,
)


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            yield from _walk(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                f"{namespace}{ns}:" if ns else namespace,
            )
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield prefix + str(pattern.pattern), name, pattern


ROUTES = {route: (name, pattern) for route, name, pattern in _walk(get_resolver().url_patterns)}


# Probes: what to ask for a pattern, for a role. ("object", method, url): a record of the
# other scope, which must be refused; ("list", method, url): anything but a server error,
# and no name of the other scope.


def _fill(route: str, values: dict) -> str:
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), route)
    route = route.replace("^", "").replace("$", "").replace("\\.", ".").replace("/?", "")
    return "/" + route


def _list_queries(world, token) -> list[str]:
    """Searches and filters naming another scope's rows: they must find nothing."""
    params = {
        "organization": world.record(token, Organization),
        "branch": world.record(token, Organization),
        "grid_cell": world.record(token, GridCell),
        "community": world.record(token, Community),
    }
    filters = "&".join(f"{key}={obj.pk}" for key, obj in params.items() if obj is not None)
    # search for the token without its first letter: it finds the record, and a search box
    # showing the term back is not a leak
    term = token[1:]
    return ["", f"?q={term}&search={term}", f"?{filters}"]


def _search_probes(name, world, token):
    """A search for the other scope's record by its own name (less the first letter)."""
    record = world.record(token, SEARCHES[name])
    term = str(record)[1:] if record is not None else token[1:]
    return [("list", "get", reverse(name) + "?" + urlencode({"q": q})) for q in (term, token[1:])]


def _page_probes(name, world, token):
    if name in SEARCHES:
        return _search_probes(name, world, token)
    args = PAGE_ARGS.get(name)
    if not args:
        url = reverse(name)
        return [("list", "get", url + q) for q in _list_queries(world, token)]
    if not any(isinstance(v, type) for v in args.values()):
        return [
            ("list", "get", reverse(name, kwargs=args) + q) for q in _list_queries(world, token)
        ]
    kwargs = {}
    for key, value in args.items():
        if isinstance(value, type):
            record = world.record(token, value)
            if record is None:
                return []
            value = record.pk
        kwargs[key] = value
    url = reverse(name, kwargs=kwargs)
    return [("object", "get", url), ("object", "post", url)]


def _admin_entry(route):
    match = re.match(r"admin/(\w+)/(\w+)/", route)
    if not match:
        return None
    for model, model_admin in admin.site._registry.items():
        if (model._meta.app_label, model._meta.model_name) == match.groups():
            return model, model_admin
    return None


def _admin_probes(route, name, world, token):
    model, model_admin = _admin_entry(route)
    label = model._meta.label_lower
    if label in ADMIN_GLOBAL:
        target = None
    else:
        assert model in ADMIN_MODELS, f"{label}: say in ADMIN_MODELS which record it opens"
        target = ADMIN_MODELS[model]
    tail = route.split("/", 3)[3]
    if tail in ("", "add/"):
        base = "/" + route
        queries = _list_queries(world, token) if tail == "" else [""]
        return [("list", "get", base + q) for q in queries]
    if target is None:
        return []
    record = world.record(token, target)
    if record is None:
        return []
    pk = str(record.pk)
    if tail.startswith("^([^/]+)/history/"):  # one entry of simple-history
        history_id = record.history.order_by("history_id").first().history_id
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/{pk}/history/{history_id}/"
    else:
        url = "/" + re.sub(r"<(?:\w+:)?\w+>", pk, route)
    if tail == "<path:object_id>/":  # a redirect to the change page, which is probed
        return [("redirect", "get", url)]
    return [("object", "get", url), ("object", "post", url)]


def _autocomplete_probes(world, token):
    probes = []
    for model, model_admin in admin.site._registry.items():
        for field_name in model_admin.autocomplete_fields:
            query = (
                f"?app_label={model._meta.app_label}&model_name={model._meta.model_name}"
                f"&field_name={field_name}&term="
            )
            probes += [("list", "get", "/admin/autocomplete/" + query + t) for t in ("", token[1:])]
    return probes


def _api_probes(route, name, world, token):
    url_name = name.rsplit(":", 1)[-1]
    known = [b for b in API_MODELS if url_name.startswith(b + "-")]
    basename = max(known, key=len) if known else url_name.rsplit("-", 1)[0]
    assert basename in API_MODELS, f"{route}: say in API_MODELS which record {basename} opens"
    groups = set(re.findall(r"\(\?P<(\w+)>", route))
    formats = ["json", "api"] if "format" in groups else [None]
    model = API_MODELS[basename]
    values = {}
    needed = {"pk": model, **API_KWARGS}
    for key in groups - {"format"}:
        record = world.record(token, needed[key]) if needed.get(key) else None
        if record is None:
            return []  # reference data, or no such record in this scope
        values[key] = record.pk
    probes = []
    for fmt in formats:
        url = _fill(route, {**values, "format": fmt})
        if "pk" in groups and fmt is None:
            probes += [("object", "get", url + "?format=api")]
            probes += [
                ("object", method, url) for method in ("get", "post", "put", "patch", "delete")
            ]
        elif "pk" in groups:
            probes += [("object", "get", url)]
        else:
            queries = _list_queries(world, token)
            for q in queries:
                sep = "&" if q else "?"
                suffixes = [f"{sep}format=json", f"{sep}format=api"] if fmt is None else [""]
                probes += [("list", "get", url + q + s) for s in suffixes]
    return probes


def probes_for(route, world, token):
    name, pattern = ROUTES[route]
    if route in NOT_COVERED or route in FREE:
        return [("list", "get", "/" + route)] if "<" not in route and "(" not in route else []
    if route == "admin/autocomplete/":
        return _autocomplete_probes(world, token)
    if route == "^api/.+/$":  # an /api/ address that names no operation: the API's own 404
        member = world.record(token, Member)
        return [("object", "get", f"/api/members/{member.pk}/nothing/")] if member else []
    if route.startswith("admin/"):
        if route in ("admin/",) or route.startswith("admin/^(?P<app_label>"):
            return [("list", "get", "/admin/"), ("list", "get", "/admin/members/")]
        if route == "admin/(?P<url>.*)$":
            return [("object", "get", "/admin/members/nothing/")]
        if route.startswith("admin/r/"):
            return _view_on_site_probes(world, token)
        if route.startswith("admin/accounts/user/<id>/password/"):
            user = world.record(token, User)
            return [("object", "get", f"/admin/accounts/user/{user.pk}/password/")] if user else []
        assert _admin_entry(route), f"{route}: an admin URL of no registered model"
        return _admin_probes(route, name, world, token)
    if route.startswith("api/"):
        assert name, f"{route}: an API URL without a name"
        return _api_probes(route, name, world, token)
    assert name and (name in PAGE_ARGS or not pattern.pattern.converters), (
        f"{route} ({name}): say in PAGE_ARGS which record each argument is"
    )
    return _page_probes(name, world, token)


def _view_on_site_probes(world, token):
    from django.contrib.contenttypes.models import ContentType

    probes = []
    for model in (Organization, GridCell, Member, Activity, Report, MobileMember, Transfer):
        record = world.record(token, model)
        if record is None:
            continue
        ct = ContentType.objects.get_for_model(model)
        probes.append(("redirect", "get", f"/admin/r/{ct.pk}/{record.pk}/"))
    return probes

"""The access matrix, generated from the URL resolver and the OpenAPI schema: for every URL
pattern, each role reads, changes and deletes no record of another branch, community, street
or grid cell (403 or 404), and no answer (page, JSON, browsable API form, autocomplete,
filter choices, .xlsx export) names one.

A URL pattern that is not in the registry below fails the test: whoever adds a URL says here
which record it opens, and the matrix covers it from then on."""

import datetime
import io
import re
import zipfile

import pytest
import time_machine
from django.contrib import admin
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from drf_spectacular.generators import SchemaGenerator

from accounts.models import User
from activities.models import (
    Activity,
    Attachment,
    Exemption,
    Need,
    PairingAgreement,
    Project,
    ProjectUnit,
    Report,
    Resource,
)
from grid.models import Building, Community, GridCell, GridWorkerAssignment, Street
from members.models import (
    DevelopmentRecord,
    DuesPayment,
    DuesRecord,
    Member,
    MobileMember,
    SensitiveAccess,
    TrainingAttendance,
    TrainingCourse,
    TrainingSession,
    Transfer,
    TransferBatch,
)
from organizations.models import (
    CommitteeTerm,
    MassOrganization,
    Organization,
    Post,
    TwoNewOrganization,
    UnitOrganization,
)
from reminders.models import Reminder
from tests.support.scoped_world import FORBIDDEN, build_scoped_world

REFUSED = {403, 404, 405}
MONTH = datetime.date(2026, 5, 1)

# Pages: URL name -> what each keyword argument is (a model: that record of the other scope;
# anything else: the value itself). Pages without arguments need no entry.
PAGE_ARGS = {
    "organizations:detail": {"pk": Organization},
    "grid:cell_detail": {"pk": GridCell},
    "members:detail": {"pk": Member},
    "members:edit": {"pk": Member},
    "members:reveal": {"pk": Member},
    "members:development_detail": {"pk": DevelopmentRecord},
    "members:development_move": {"pk": DevelopmentRecord, "move": "talk"},
    "members:dues_month": {"org_pk": Organization, "month": MONTH},
    "members:dues_month_open": {"org_pk": Organization, "month": MONTH},
    "members:dues_record_income": {"pk": DuesRecord},
    "members:training_course": {"pk": TrainingCourse},
    "members:training_session_add": {"pk": TrainingCourse},
    "members:training_attendance": {"pk": TrainingSession},
    "members:import_dues": {"org_pk": Organization},
    "members:import_dues_template": {"org_pk": Organization},
    "members:import_dues_confirm": {"org_pk": Organization},
    "members:import_dues_cancel": {"org_pk": Organization},
    "members:import_training": {"pk": TrainingSession},
    "members:import_training_template": {"pk": TrainingSession},
    "members:import_training_confirm": {"pk": TrainingSession},
    "members:import_training_cancel": {"pk": TrainingSession},
    "members:transfer_new": {"member_pk": Member},
    "members:transfer_detail": {"pk": Transfer},
    "members:transfer_letter": {"pk": Transfer},
    "members:transfer_step": {"pk": Transfer, "step": "report"},
    "members:mobile_detail": {"pk": MobileMember},
    "members:mobile_edit": {"pk": MobileMember},
    "members:mobile_contact": {"pk": MobileMember},
    "members:mobile_permit_issue": {"pk": MobileMember},
    "members:mobile_permit_renew": {"pk": MobileMember},
    "members:mobile_end": {"pk": MobileMember},
    "activities:activity_detail": {"pk": Activity},
    "activities:activity_edit": {"pk": Activity},
    "activities:activity_cancel": {"pk": Activity},
    "activities:activity_attachment_add": {"pk": Activity},
    "activities:activity_attachment": {"pk": Attachment},
    "activities:activity_attachment_delete": {"pk": Attachment},
    "activities:exemption_end": {"pk": Exemption},
    "activities:exemption_withdraw": {"pk": Exemption},
    "activities:report_detail": {"pk": Report},
    "activities:report_edit": {"pk": Report},
    "activities:report_submit": {"pk": Report},
    "activities:report_resubmit": {"pk": Report},
    "activities:report_approve": {"pk": Report},
    "activities:report_return": {"pk": Report},
    "activities:need_edit": {"pk": Need},
    "activities:resource_edit": {"pk": Resource},
    "activities:project_detail": {"pk": Project},
    "activities:project_edit": {"pk": Project},
    "activities:project_unit_add": {"pk": Project},
    "activities:project_unit_remove": {"pk": ProjectUnit},
    "activities:agreement_end": {"pk": PairingAgreement},
    "reminders:read": {"pk": Reminder},
    # a year, not a record: a list page
    "members:training_hours": {"year": 2026},
}

# The API: router basename -> the model its {pk} opens (None: reference data, the same for
# everyone). Keyword arguments other than pk: what they are.
API_MODELS = {
    "organization": Organization,
    "gridcell": GridCell,
    "member": Member,
    "developmentrecord": DevelopmentRecord,
    "dues-record": DuesRecord,
    "dues-rate": None,
    "training-course": TrainingCourse,
    "training-hours": None,
    "mobile-member": MobileMember,
    "transfer": Transfer,
    "activity-type": None,
    "activity": Activity,
    "activity-exemption": Exemption,
    "compliance": None,
    "report": Report,
    "review-queue": None,
    "co-building-need": Need,
    "co-building-resource": Resource,
    "co-building-project": Project,
    "pairing-agreement": PairingAgreement,
    "volunteer-hours": None,
}
API_KWARGS = {"attachment_id": Attachment}

# The admin: every registered model -> the model whose record of the other scope it opens;
# None for models that belong to no scope (reference data, accounts, login records).
ADMIN_MODELS = {
    Street: Street,
    Community: Community,
    GridCell: GridCell,
    Building: Building,
    GridWorkerAssignment: GridWorkerAssignment,
    Organization: Organization,
    Post: Post,
    CommitteeTerm: CommitteeTerm,
    UnitOrganization: UnitOrganization,
    TwoNewOrganization: TwoNewOrganization,
    MassOrganization: MassOrganization,
    Reminder: Reminder,
    DevelopmentRecord: DevelopmentRecord,
    DuesRecord: DuesRecord,
    DuesPayment: DuesPayment,
    MobileMember: MobileMember,
    Member: Member,
    SensitiveAccess: SensitiveAccess,
    TrainingCourse: TrainingCourse,
    TrainingAttendance: TrainingAttendance,
    Transfer: Transfer,
    TransferBatch: TransferBatch,
    Activity: Activity,
    Attachment: Attachment,
    Need: Need,
    Resource: Resource,
    Project: Project,
    PairingAgreement: PairingAgreement,
    Exemption: Exemption,
    Report: Report,
    User: User,
}
ADMIN_GLOBAL = {
    "auth.group",
    "django_celery_beat.periodictask",
    "django_celery_beat.clockedschedule",
    "django_celery_beat.crontabschedule",
    "django_celery_beat.solarschedule",
    "django_celery_beat.intervalschedule",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "policies.policy",
    "reminders.sweeprun",
    "members.duesrate",
    "activities.activitytype",
}

# URL patterns that answer the same for everyone and read no record.
FREE = {
    "accounts/login/",
    "accounts/logout/",
    "i18n/setlang/",
    "admin/login/",
    "admin/logout/",
    "admin/password_change/",
    "admin/password_change/done/",
    "admin/jsi18n/",
    "api/schema/",
    "api/docs/",
    "api/",
    "api/<drf_format_suffix:format>",
}

# URL patterns the matrix cannot cover, with the reason. Keep it empty.
NOT_COVERED: dict[str, str] = {}


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


def _page_probes(name, world, token):
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
    return {model: model._default_manager.count() for model in ADMIN_MODELS}


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

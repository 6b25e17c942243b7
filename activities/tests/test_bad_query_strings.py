"""Pages answer odd query strings with a page or a 404, never a server error."""

import pytest
from django.urls import reverse

PAGES = [
    "activities:activity_list",
    "activities:activity_export",
    "activities:activity_create",
    "activities:compliance",
    "activities:exemption_create",
    "activities:report_list",
    "activities:report_create",
    "activities:review_queue",
    "activities:cobuilding",
    "activities:need_create",
    "activities:resource_create",
    "activities:project_create",
    "activities:agreement_create",
    "activities:volunteer",
    "activities:type_mix",
]
ODD = [
    {"organization": "abc"},
    {"organization": "999999"},
    {"organization": "-1"},
    {"year": "abc"},
    {"year": "99999"},
    {"year": "0"},
    {"quarter": "9"},
    {"month": "2026-13"},
    {"period": "2026-Q9"},
    {"period": "zzz"},
    {"kind": "weekly", "organization": "1", "period": "2026-11"},
    {"activity": "abc"},
    {"activity": "999999"},
    {"community": "abc"},
    {"community": "999999"},
    {"date_from": "2026-02-30"},
    {"waiting_since": "yesterday"},
    {"activity_type": "abc"},
    {"status": "nonsense"},
    {"state": "nonsense"},
    {"page": "-5"},
    {"page": "abc"},
]


@pytest.mark.parametrize("persona", ["secretary_a", "street_staff", "superuser"])
def test_odd_query_strings_never_break_a_page(client, world, request, persona):
    client.force_login(request.getfixturevalue(persona))
    for name in PAGES:
        for params in ODD:
            status = client.get(reverse(name), params).status_code
            assert status in (200, 302, 400, 403, 404), (persona, name, params, status)

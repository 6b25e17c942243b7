"""Helpers of the API tests: the API's URLs, a JSON POST, the number of queries of a request,
and an answer checked against the OpenAPI schema as schemathesis checks it."""

import json
import re
from functools import cache

import requests
import schemathesis
from django.db import connection
from django.test.utils import CaptureQueriesContext
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

SCHEMES = "/api/assessment-schemes/"
RESULTS = "/api/assessment-results/"
SCORES = "/api/assessment-scores/"
CHECKS = [status_code_conformance, content_type_conformance, response_schema_conformance]


def post_json(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries)


@cache
def _schema():
    raw = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(public=True)))
    return schemathesis.openapi.from_dict(raw)


def assert_conforms(response, path: str, method: str = "GET") -> None:
    """``response`` (the test client's) is an answer the schema declares for the operation at
    ``path`` (as the schema spells it: ``/api/assessment-schemes/{id}/``)."""
    asked = response.request["PATH_INFO"]
    pattern = re.sub(r"\\{(\w+)\\}", r"(?P<\1>[^/]+)", re.escape(path))
    parameters = re.fullmatch(pattern, asked).groupdict()
    request = requests.Request(method, "http://testserver" + asked)
    answer = Response(
        status_code=response.status_code,
        headers={name: [value] for name, value in response.headers.items()},
        content=response.content,
        request=request.prepare(),
        elapsed=0.0,
        verify=False,
    )
    case = _schema()[path][method].Case(path_parameters=parameters)
    case.validate_response(answer, checks=CHECKS)

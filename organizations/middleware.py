"""Exports in the access log: every spreadsheet (or CSV) a signed-in user downloads, with its
file name, whichever page or API produced it."""

import re
from urllib.parse import unquote

from organizations.models import AccessKind
from organizations.services import access_event_record

EXPORT_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "text/csv",
)
_STARRED = re.compile(r"filename\*=(?:UTF-8|utf-8)''([^;]+)")
_PLAIN = re.compile(r'filename="?([^";]+)"?')


def exported_filename(disposition: str) -> str:
    starred = _STARRED.search(disposition)
    if starred:
        return unquote(starred.group(1))
    plain = _PLAIN.search(disposition)
    return plain.group(1) if plain else ""


class ExportLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            response.status_code == 200
            and user is not None
            and user.is_authenticated
            and response.get("Content-Type", "").split(";")[0].strip() in EXPORT_TYPES
        ):
            access_event_record(
                kind=AccessKind.EXPORT,
                user=user,
                request=request,
                what=exported_filename(response.get("Content-Disposition", "")) or request.path,
                user_street=True,
            )
        return response

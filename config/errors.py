"""The project's own 403, 404 and 500 pages under DEBUG too.

With DEBUG on, Django answers a missing page with its technical 404 page (in English, listing
every URL pattern) and an error with its traceback page. `make run` runs with DEBUG on, and a
user trying it there must see what production shows: the project's pages, in the user's
language. DEBUG_TECHNICAL_PAGES=1 brings Django's technical pages back for a developer.
"""

import logging

from django.conf import settings
from django.core import signals
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.urls import Resolver404, get_resolver, get_urlconf, resolve

logger = logging.getLogger("django.request")

HANDLED_BY_DJANGO = (PermissionDenied, BadRequest, SuspiciousOperation)


def error_page(request, status: int, exception=None):
    handler = get_resolver(get_urlconf()).resolve_error_handler(status)
    return handler(request) if status == 500 else handler(request, exception)


class ProjectErrorPagesMiddleware:
    """Placed after LocaleMiddleware and AuthenticationMiddleware (the pages are translated
    and show the navigation), before nothing that must see the unresolved request."""

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def active() -> bool:
        return settings.DEBUG and not settings.DEBUG_TECHNICAL_PAGES

    def __call__(self, request):
        if self.active():
            # A path no pattern matches never reaches a view, so process_exception would not
            # see it: answer it here. CommonMiddleware still turns it into a slash redirect.
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404 as exception:
                return error_page(request, 404, exception)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not self.active() or isinstance(exception, HANDLED_BY_DJANGO):
            return None  # Django already answers these with the project's 400 and 403 pages
        if isinstance(exception, Http404):
            return error_page(request, 404, exception)
        signals.got_request_exception.send(sender=self.__class__, request=request)
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=exception,
            extra={"status_code": 500, "request": request},
        )
        return error_page(request, 500)

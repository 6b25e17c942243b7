"""API plumbing shared by every app: errors from services become a 400 naming the field."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse, JsonResponse
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = serializers.ValidationError(detail)
    return drf_exception_handler(exc, context)


class SwaggerView(SpectacularSwaggerSplitView):
    """The Swagger UI page. Its script comes from the same address with ?script, not inline,
    which the Content Security Policy forbids (templates/drf_spectacular/swagger_ui.html
    drops the inline style too). Its only renderer is an HTML template, which has nothing to
    show for OPTIONS: answer it as Django's own views do, with the allowed methods."""

    def options(self, request, *args, **kwargs):
        response = HttpResponse()
        response["Allow"] = ", ".join(self.allowed_methods)
        response["Content-Length"] = "0"
        return response


def api_not_found(request, *args, **kwargs):
    """An /api/ address that names no operation (an id that is not a number, say): a 404 in
    the API's own shape, not the site's HTML page."""
    return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)

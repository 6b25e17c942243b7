"""The project's URLs plus two views that fail, for the error page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path


def refuse(request):
    raise PermissionDenied


def fail(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [
    path("refuse/", refuse),
    path("fail/", fail),
    path("", include("config.urls")),
]

"""The residents pages' URLs: the app's namespace, each topic's module under its prefix."""

from django.urls import include, path

app_name = "residents"
urlpatterns: list = [
    path("problems/", include("residents.urls.problems")),
]

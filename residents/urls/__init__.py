"""The residents pages' URLs: the app's namespace, each topic's module under its prefix."""

from django.urls import include, path

app_name = "residents"
urlpatterns: list = [
    path("facilities/", include("residents.urls.facilities")),
    path("figures/", include("residents.urls.figures")),
    path("households/", include("residents.urls.households")),
    path("pairings/", include("residents.urls.pairings")),
    path("problems/", include("residents.urls.problems")),
    path("worker/", include("residents.urls.worker")),
]

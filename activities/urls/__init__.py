"""The activities pages' URLs: the app's namespace, each topic's module under its prefix."""

from django.urls import include, path

app_name = "activities"
urlpatterns = [
    path("", include("activities.urls.activities")),
    path("compliance/", include("activities.urls.compliance")),
    path("reports/", include("activities.urls.reports")),
    path("co-building/", include("activities.urls.cobuilding")),
    path("volunteer/", include("activities.urls.volunteer")),
]

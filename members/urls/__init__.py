"""URLs of the member pages: one module per topic, included here under the namespace ``members``."""

from django.urls import include, path

app_name = "members"
urlpatterns = [
    path("", include("members.urls.roll")),
    path("development/", include("members.urls.development")),
    path("dues/", include("members.urls.dues")),
    path("training/", include("members.urls.training")),
    path("import/", include("members.urls.excel")),
    path("transfers/", include("members.urls.transfers")),
    path("mobile/", include("members.urls.mobile")),
]

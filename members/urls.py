from django.urls import include, path

app_name = "members"
urlpatterns = [
    path("", include("members.urls_roll")),
    path("development/", include("members.urls_development")),
    path("dues/", include("members.urls_dues")),
    path("training/", include("members.urls_training")),
    path("import/", include("members.urls_import")),
    path("transfers/", include("members.urls_transfers")),
    path("mobile/", include("members.urls_mobile")),
]

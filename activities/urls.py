from django.urls import include, path

app_name = "activities"
urlpatterns = [
    path("", include("activities.urls_activities")),
    path("compliance/", include("activities.urls_compliance")),
    path("reports/", include("activities.urls_reports")),
    path("co-building/", include("activities.urls_cobuilding")),
    path("volunteer/", include("activities.urls_volunteer")),
]

"""The assessment pages' URLs: the app's namespace, each topic's module under its prefix."""

from django.urls import include, path

app_name = "assessment"
urlpatterns = [
    path("", include("assessment.urls.schemes")),
    path("letters/", include("assessment.urls.targets")),
    path("appraisals/", include("assessment.urls.appraisals")),
    path("weak/", include("assessment.urls.weak")),
    path("<int:scheme>/", include("assessment.urls.ranking")),
    path("<int:scheme>/", include("assessment.urls.publication")),
    path("<int:scheme>/organizations/<int:organization>/", include("assessment.urls.sheets")),
]

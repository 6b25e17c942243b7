"""URL of the list of schemes."""

from django.urls import path

from assessment.views import schemes as views

urlpatterns = [
    path("", views.scheme_list, name="scheme_list"),
]

"""URLs of an organization's score sheet and of scoring a line of it."""

from django.urls import path

from assessment.views import sheets as views

urlpatterns = [
    path("", views.sheet, name="sheet"),
    path("score/", views.score, name="score"),
]

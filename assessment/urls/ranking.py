"""URLs of a scheme's ranking and its export."""

from django.urls import path

from assessment.views import ranking as views

urlpatterns = [
    path("ranking/", views.ranking, name="ranking"),
    path("ranking/export/", views.ranking_export, name="ranking_export"),
]

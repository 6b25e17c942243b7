"""URLs of the residents' figures: the page and its workbook."""

from django.urls import path

from residents.views import figures as views

urlpatterns = [
    path("", views.figures_page, name="figures"),
    path("export/", views.figures_export, name="figures_export"),
]

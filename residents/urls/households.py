"""URLs of households in need: the list, a household's page and its forms."""

from django.urls import path

from residents.views import households as views

urlpatterns = [
    path("", views.household_list, name="household_list"),
    path("new/", views.household_add, name="household_add"),
    path("<int:pk>/", views.household_detail, name="household_detail"),
    path("<int:pk>/residents/new/", views.resident_add, name="resident_add"),
    path("<int:pk>/pairings/new/", views.pairing_add, name="pairing_add"),
]

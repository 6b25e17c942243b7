"""URLs of households in need: the list, a household's page and its forms."""

from django.urls import path

from residents.views import households as views

urlpatterns = [
    path("", views.household_list, name="household_list"),
    path("new/", views.household_add, name="household_add"),
    path("search/", views.household_search, name="household_search"),
    path("<int:pk>/", views.household_detail, name="household_detail"),
    path("<int:pk>/residents/new/", views.resident_add, name="resident_add"),
    path("<int:pk>/pairings/new/", views.pairing_add, name="pairing_add"),
    path("<int:pk>/edit/", views.household_edit, name="household_edit"),
    path("<int:pk>/delete/", views.household_remove, name="household_delete"),
    path("residents/<int:pk>/edit/", views.resident_edit, name="resident_edit"),
    path("residents/<int:pk>/show/", views.resident_show, name="resident_show"),
]

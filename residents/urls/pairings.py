"""URLs of pairing assistance: a pairing's page and its visits."""

from django.urls import path

from residents.views import households as views

urlpatterns = [
    path("<int:pk>/", views.pairing_detail, name="pairing_detail"),
    path("<int:pk>/edit/", views.pairing_edit, name="pairing_edit"),
    path("<int:pk>/visits/new/", views.visit_add, name="visit_add"),
]

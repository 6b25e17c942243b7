"""URLs of the grid pages."""

from django.urls import path

from grid import views

app_name = "grid"
urlpatterns = [
    path("", views.cell_list, name="cell_list"),
    path("<int:pk>/", views.cell_detail, name="cell_detail"),
]

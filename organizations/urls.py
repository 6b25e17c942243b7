"""URLs of the organization pages."""

from django.urls import path

from organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("<int:pk>/", views.detail, name="detail"),
    path("access-log/", views.access_log, name="access_log"),
    path("search/organizations/", views.search_organizations, name="search_organizations"),
    path("search/grid-cells/", views.search_grid_cells, name="search_grid_cells"),
]

"""URLs of the co-building pages: the overview, needs, resources, projects and agreements."""

from django.urls import path

from activities.views import cobuilding as views

urlpatterns = [
    path("", views.cobuilding, name="cobuilding"),
    path("needs/new/", views.need_create, name="need_create"),
    path("needs/<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("resources/new/", views.resource_create, name="resource_create"),
    path("resources/<int:pk>/edit/", views.resource_edit, name="resource_edit"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:pk>/units/", views.project_unit_add, name="project_unit_add"),
    path("project-units/<int:pk>/remove/", views.project_unit_remove, name="project_unit_remove"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/end/", views.agreement_end, name="agreement_end"),
]

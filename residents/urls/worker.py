"""URLs of the grid worker's pages: my grid, my households, recording a visit or a problem,
my open problems and the visits due."""

from django.urls import path

from residents.views import worker as views

urlpatterns = [
    path("", views.worker_home, name="worker_home"),
    path("households/", views.worker_households, name="worker_households"),
    path("visit/", views.worker_visit, name="worker_visit"),
    path("problem/", views.worker_problem, name="worker_problem"),
    path("problems/", views.worker_problems, name="worker_problems"),
    path("due/", views.worker_due, name="worker_due"),
]

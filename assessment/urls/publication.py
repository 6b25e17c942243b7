"""URLs of a street's actions on its scheme: computing the results, their progress, publishing."""

from django.urls import path

from assessment.views import publication as views

urlpatterns = [
    path("compute/", views.compute, name="compute"),
    path("progress/", views.progress, name="progress"),
    path("publish/", views.publish, name="publish"),
]

"""URLs of the volunteer service page and the type mix."""

from django.urls import path

from activities.views import volunteer as views

urlpatterns = [
    path("", views.volunteer_page, name="volunteer"),
    path("mix/", views.type_mix, name="type_mix"),
]

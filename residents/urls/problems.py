"""URLs of the residents' problems pages: the list, recording one, a problem and its steps."""

from django.urls import path

from residents.views import problems as views

urlpatterns = [
    path("", views.problem_list, name="problem_list"),
    path("new/", views.problem_create, name="problem_create"),
    path("<int:pk>/", views.problem_detail, name="problem_detail"),
    path("<int:pk>/assign/", views.problem_assign_view, name="problem_assign"),
    path("<int:pk>/start/", views.problem_start_view, name="problem_start"),
    path("<int:pk>/resolve/", views.problem_resolve_view, name="problem_resolve"),
    path("<int:pk>/confirm/", views.problem_confirm_view, name="problem_confirm"),
    path("<int:pk>/escalate/", views.problem_escalate_view, name="problem_escalate"),
    path("<int:pk>/merge/", views.problem_merge_view, name="problem_merge"),
    path("<int:pk>/phone/", views.problem_phone_show, name="problem_phone_show"),
    path("<int:pk>/photos/", views.problem_photos_add, name="problem_photos_add"),
    path("photos/<int:pk>/", views.problem_photo, name="problem_photo"),
]

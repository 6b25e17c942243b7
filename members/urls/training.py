"""URLs of the training pages."""

from django.urls import path

from members.views import training as views

urlpatterns = [
    path("", views.course_list, name="training_courses"),
    path("new/", views.course_create_view, name="training_course_create"),
    path("<int:pk>/", views.course_detail, name="training_course"),
    path("<int:pk>/sessions/", views.session_add_view, name="training_session_add"),
    path("sessions/<int:pk>/attendance/", views.attendance_view, name="training_attendance"),
    path("hours/", views.hours_current, name="training_hours_current"),
    path("hours/<int:year>/", views.hours, name="training_hours"),
]

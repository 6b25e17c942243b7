"""URLs of the reminder inbox."""

from django.urls import path

from reminders import views

app_name = "reminders"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/read/", views.mark_read, name="read"),
]

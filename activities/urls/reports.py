"""URLs of the report pages: the list, creating, a report's steps and the review queue."""

from django.urls import path

from activities.views import reports as views

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("new/", views.report_create_view, name="report_create"),
    path("review/", views.review_queue, name="review_queue"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/edit/", views.report_edit_view, name="report_edit"),
    path("<int:pk>/submit/", views.report_submit_view, name="report_submit"),
    path("<int:pk>/resubmit/", views.report_resubmit_view, name="report_resubmit"),
    path("<int:pk>/approve/", views.report_approve_view, name="report_approve"),
    path("<int:pk>/return/", views.report_return_view, name="report_return"),
]

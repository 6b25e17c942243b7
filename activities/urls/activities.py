"""URLs of the activity pages: the list, recording, an activity's page, its attachments."""

from django.urls import path

from activities.views import activities as views

urlpatterns = [
    path("", views.activity_list, name="activity_list"),
    path("new/", views.activity_create, name="activity_create"),
    path("ledger.xlsx", views.activity_export, name="activity_export"),
    path("<int:pk>/", views.activity_detail, name="activity_detail"),
    path("<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("<int:pk>/cancel/", views.activity_cancel, name="activity_cancel"),
    path("<int:pk>/attachments/", views.attachment_add, name="activity_attachment_add"),
    path("attachments/<int:pk>/", views.attachment_download, name="activity_attachment"),
    path(
        "attachments/<int:pk>/delete/",
        views.attachment_delete,
        name="activity_attachment_delete",
    ),
]

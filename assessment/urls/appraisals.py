"""URLs of the democratic appraisal pages: the list, opening, an appraisal's page and its
actions, and a follow-up."""

from django.urls import path

from assessment.views import appraisals as views

urlpatterns = [
    path("", views.appraisal_list, name="appraisal_list"),
    path("open/", views.appraisal_open_view, name="appraisal_open"),
    path("<int:pk>/", views.appraisal_detail, name="appraisal_detail"),
    path("<int:pk>/entries/", views.appraisal_entries_save, name="appraisal_entries"),
    path("<int:pk>/sync/", views.appraisal_sync, name="appraisal_sync"),
    path("<int:pk>/decide/", views.appraisal_decide_view, name="appraisal_decide"),
    path("<int:pk>/confirm/", views.appraisal_confirm_view, name="appraisal_confirm"),
    path("follow-ups/<int:pk>/", views.follow_up, name="appraisal_follow_up"),
]

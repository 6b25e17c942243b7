"""URLs of the relation transfer pages."""

from django.urls import path

from members.views import transfers as views

urlpatterns = [
    path("", views.transfer_list, name="transfer_list"),
    path("new/<int:member_pk>/", views.transfer_new, name="transfer_new"),
    path("incoming/new/", views.transfer_incoming_new, name="transfer_incoming_new"),
    path("group/new/", views.transfer_batch_new, name="transfer_batch_new"),
    path("<int:pk>/", views.transfer_detail, name="transfer_detail"),
    path("<int:pk>/letter/", views.transfer_letter, name="transfer_letter"),
    path("<int:pk>/<slug:step>/", views.transfer_step, name="transfer_step"),
]

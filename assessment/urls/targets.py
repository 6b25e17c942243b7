"""URLs of the responsibility letters and their target items."""

from django.urls import path

from assessment.views import targets as views

urlpatterns = [
    path("", views.letter_list, name="letter_list"),
    path("new/", views.letter_create, name="letter_create"),
    path("<int:pk>/", views.letter_detail, name="letter_detail"),
    path("<int:pk>/items/", views.item_add, name="item_add"),
    path("<int:pk>/sign/", views.letter_sign, name="letter_sign"),
    path("<int:pk>/close/", views.letter_close, name="letter_close"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/done/", views.item_done, name="item_done"),
    path("items/<int:pk>/reopen/", views.item_reopen, name="item_reopen"),
]

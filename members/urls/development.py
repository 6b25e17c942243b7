"""URLs of the development pipeline pages."""

from django.urls import path

from members.views import development as views

urlpatterns = [
    path("", views.board, name="development_board"),
    path("new/", views.new, name="development_new"),
    path("<int:pk>/", views.detail, name="development_detail"),
    path("<int:pk>/<slug:move>/", views.move, name="development_move"),
]

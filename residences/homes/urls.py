"""Homes: routes, included into the app's namespace."""

from django.urls import path

from residences.homes import views

urlpatterns = [
    path("residences/", views.residence_list, name="residence_list"),
    path("residences/new/", views.residence_create, name="residence_create"),
    path("residences/<int:pk>/", views.residence_home, name="residence_home"),
    path("residences/<int:pk>/edit/", views.residence_edit, name="residence_edit"),
    path("residences/<int:pk>/rooms/new/", views.room_create, name="room_create"),
    path("beds/<int:pk>/service/", views.bed_service, name="bed_service"),
]

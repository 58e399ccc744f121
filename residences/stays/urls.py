"""Stays: routes, included into the app's namespace."""

from django.urls import path

from residences.stays import views

urlpatterns = [
    path("stays/", views.stay_list, name="stay_list"),
    path("stays/<int:pk>/move-out/", views.move_out, name="move_out"),
    path("stays/<int:pk>/transfer/", views.transfer, name="transfer"),
    path("my-house/", views.my_house, name="my_house"),
]

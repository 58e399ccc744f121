"""Accountability: routes, included into the app's namespace."""

from django.urls import path

from governance.accountability import views

urlpatterns = [
    path("accountability/", views.dashboard, name="accountability"),
    path("me/accountability/", views.my_accountability, name="my_accountability"),
]

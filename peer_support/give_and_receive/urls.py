"""Give and receive, under the `peer_support` namespace."""

from django.urls import path

from peer_support.give_and_receive import views

urlpatterns = [
    path("help/", views.help_log, name="help_log"),
    path("help/<int:pk>/confirm/", views.help_confirm, name="help_confirm"),
    path("help/totals/", views.help_totals, name="help_totals"),
]

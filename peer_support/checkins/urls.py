"""Check-ins: routes, included into the app's namespace (a resident's own check-ins are on today's pages)."""

from django.urls import path

from peer_support.checkins import views

urlpatterns = [
    path("check-ins/", views.check_in_list, name="check_in_list"),
]

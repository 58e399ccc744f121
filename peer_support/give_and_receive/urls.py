"""Give and receive: routes, included into the `peer_support` namespace. The old /peer-support/help/ pages answer
with a permanent redirect, for bookmarks."""

from django.urls import path
from django.views.generic import RedirectView

from peer_support.give_and_receive import views

urlpatterns = [
    path("give-and-receive/", views.help_log, name="give_and_receive"),
    path("give-and-receive/<int:pk>/confirm/", views.help_confirm, name="give_and_receive_confirm"),
    path("give-and-receive/totals/", views.help_totals, name="give_and_receive_totals"),
    path("help/", RedirectView.as_view(pattern_name="peer_support:give_and_receive", permanent=True)),
    path("help/totals/", RedirectView.as_view(pattern_name="peer_support:give_and_receive_totals", permanent=True)),
]

"""The peer_support URLs (namespace `peer_support`). Each part brings its own module and adds one include here."""

from django.urls import include, path

app_name = "peer_support"

urlpatterns = []

urlpatterns += [
    path("", include("peer_support.give_and_receive.urls")),
    path("", include("peer_support.workshops.urls")),
    path("", include("peer_support.community.urls")),
    path("", include("peer_support.announcements.urls")),
]
urlpatterns += [path("", include("peer_support.today.urls"))]

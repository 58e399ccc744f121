"""The peer_support URLs (namespace `peer_support`, under /peer-support/), one include per feature."""

from django.urls import include, path

app_name = "peer_support"

urlpatterns = [
    path("", include("peer_support.today.urls")),
    path("", include("peer_support.checkins.urls")),
    path("", include("peer_support.drift_signals.urls")),
    path("", include("peer_support.mentorships.urls")),
    path("", include("peer_support.outside_meetings.urls")),
    path("", include("peer_support.give_and_receive.urls")),
    path("", include("peer_support.workshops.urls")),
    path("", include("peer_support.community.urls")),
    path("", include("peer_support.announcements.urls")),
]

"""Outside meetings: routes, included into the `peer_support` namespace. The old /peer-support/meetings/ answers
with a permanent redirect, for the bookmarks residents made of it."""

from django.urls import path
from django.views.generic import RedirectView

from peer_support.outside_meetings import views

urlpatterns = [
    path(
        "residents/<int:resident_pk>/outside-meetings/",
        views.resident_meetings,
        name="resident_outside_meetings",
    ),
    path("outside-meetings/", views.my_meetings, name="my_outside_meetings"),
    path("outside-meetings/<int:pk>/verify/", views.meeting_verify, name="outside_meeting_verify"),
    path("meetings/", RedirectView.as_view(pattern_name="peer_support:my_outside_meetings", permanent=True)),
]

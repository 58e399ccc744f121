"""Check-ins, "today", "my people", the community screen, mentoring, meetings and signals (namespace peer_support)."""

from django.urls import path

from peer_support.drift_signals import views as drift_views
from peer_support.mentorships import views as mentor_views
from peer_support.outside_meetings import views as meeting_views
from peer_support.today import views as today_views

urlpatterns = [
    path("today/", today_views.today, name="today"),
    path("my-people/", today_views.my_people, name="my_people"),
    path("homes/<int:residence_pk>/community/", today_views.community_screen, name="community_screen"),
    path("homes/<int:residence_pk>/signal-settings/", drift_views.signal_settings, name="signal_settings"),
    path("residents/<int:resident_pk>/check-ins/", today_views.resident_check_ins, name="resident_check_ins"),
    path("residents/<int:resident_pk>/signals/acknowledge/", today_views.acknowledge_signal, name="acknowledge_signal"),
    path("residents/<int:resident_pk>/meetings/", meeting_views.resident_meetings, name="resident_meetings"),
    path("residents/<int:resident_pk>/mentor/", mentor_views.pair, name="pair_mentor"),
    path("mentorships/", mentor_views.mentorships, name="mentorships"),
    path("mentorships/<int:pk>/", mentor_views.mentorship_detail, name="mentorship_detail"),
    path("mentorships/<int:pk>/end/", mentor_views.mentorship_end, name="mentorship_end"),
    path("meetings/", meeting_views.my_meetings, name="my_meetings"),
    path("meetings/<int:pk>/verify/", meeting_views.meeting_verify, name="meeting_verify"),
]

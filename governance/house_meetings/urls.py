"""House meetings, votes, officers and elections, and the resident's "my house" (namespace `governance`)."""

from django.urls import path

from governance.house_meetings import views as meeting_views
from governance.my_house import views as myhouse_views
from governance.officers import views as election_views

urlpatterns = [
    path("my-house/", myhouse_views.my_house, name="my_house"),
    path("meetings/", meeting_views.meetings, name="meetings"),
    path("homes/<int:residence_pk>/meetings/", meeting_views.residence_meetings, name="residence_meetings"),
    path("homes/<int:residence_pk>/meetings/schedule/", meeting_views.meeting_schedule, name="meeting_schedule"),
    path("homes/<int:residence_pk>/decisions/", meeting_views.decisions, name="decisions"),
    path("meetings/<int:pk>/", meeting_views.meeting, name="meeting"),
    path("meetings/<int:pk>/agenda/", meeting_views.add_agenda_item, name="add_agenda_item"),
    path("meetings/<int:pk>/attendance/", meeting_views.attendance, name="attendance"),
    path("meetings/<int:pk>/minutes/", meeting_views.minutes, name="minutes"),
    path("meetings/<int:pk>/approve-minutes/", meeting_views.approve_minutes, name="approve_minutes"),
    path("meetings/<int:pk>/motions/new/", meeting_views.new_motion, name="new_motion"),
    path("motions/<int:pk>/", meeting_views.motion, name="motion"),
    path("motions/<int:pk>/vote/", meeting_views.vote, name="vote"),
    path("motions/<int:pk>/close/", meeting_views.close_motion, name="close_motion"),
    path("homes/<int:residence_pk>/officers/", election_views.officers, name="officers"),
    path("homes/<int:residence_pk>/elections/new/", election_views.new_election, name="new_election"),
    path("elections/<int:pk>/", election_views.election, name="election"),
    path("elections/<int:pk>/nominate/", election_views.nominate, name="nominate"),
    path("elections/<int:pk>/start-voting/", election_views.start_voting, name="start_voting"),
    path("elections/<int:pk>/vote/", election_views.election_vote, name="election_vote"),
    path("elections/<int:pk>/close/", election_views.close_election, name="close_election"),
]

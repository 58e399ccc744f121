"""House meetings: routes, included into the app's namespace."""

from django.urls import path

from governance.house_meetings import views

urlpatterns = [
    path("meetings/", views.meetings, name="meetings"),
    path("homes/<int:residence_pk>/meetings/", views.residence_meetings, name="residence_meetings"),
    path("homes/<int:residence_pk>/meetings/schedule/", views.meeting_schedule, name="meeting_schedule"),
    path("homes/<int:residence_pk>/decisions/", views.decisions, name="decisions"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/agenda/", views.add_agenda_item, name="add_agenda_item"),
    path("meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("meetings/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("meetings/<int:pk>/approve-minutes/", views.approve_minutes, name="approve_minutes"),
    path("meetings/<int:pk>/motions/new/", views.new_motion, name="new_motion"),
    path("motions/<int:pk>/", views.motion, name="motion"),
    path("motions/<int:pk>/vote/", views.vote, name="vote"),
    path("motions/<int:pk>/close/", views.close_motion, name="close_motion"),
]

"""Outside meetings: routes, included into the app's namespace."""

from django.urls import path

from peer_support.outside_meetings import views

urlpatterns = [
    path("residents/<int:resident_pk>/meetings/", views.resident_meetings, name="resident_meetings"),
    path("meetings/", views.my_meetings, name="my_meetings"),
    path("meetings/<int:pk>/verify/", views.meeting_verify, name="meeting_verify"),
]

"""Workshops, under the `peer_support` namespace."""

from django.urls import path

from peer_support.workshops import views

urlpatterns = [
    path("workshops/", views.workshops, name="workshops"),
    path("workshops/new/", views.workshop_new, name="workshop_new"),
    path("workshops/<int:pk>/sessions/new/", views.session_new, name="session_new"),
    path("workshops/sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("workshops/sessions/<int:pk>/rsvp/", views.session_rsvp, name="session_rsvp"),
    path("workshops/sessions/<int:pk>/attendance/", views.session_attendance, name="session_attendance"),
    path("workshops/sessions/<int:pk>/notes/", views.session_notes, name="session_notes"),
]

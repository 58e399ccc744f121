"""Mentorships: routes, included into the app's namespace."""

from django.urls import path

from peer_support.mentorships import views

urlpatterns = [
    path("residents/<int:resident_pk>/mentor/", views.pair, name="pair_mentor"),
    path("mentorships/", views.mentorships, name="mentorships"),
    path("mentorships/<int:pk>/", views.mentorship_detail, name="mentorship_detail"),
    path("mentorships/<int:pk>/end/", views.mentorship_end, name="mentorship_end"),
]

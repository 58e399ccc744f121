"""Announcements, under the `peer_support` namespace."""

from django.urls import path

from peer_support.announcements import views

urlpatterns = [
    path("announcements/", views.announcements, name="announcements"),
    path("announcements/<int:pk>/", views.announcement_detail, name="announcement_detail"),
]

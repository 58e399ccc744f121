"""Drift signals: routes, included into the app's namespace."""

from django.urls import path

from peer_support.drift_signals import views

urlpatterns = [
    path("homes/<int:residence_pk>/signal-settings/", views.signal_settings, name="signal_settings"),
]

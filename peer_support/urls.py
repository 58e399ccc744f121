"""The peer_support URLs (namespace `peer_support`). Each part brings its own module and adds one include here."""

from django.urls import include, path  # noqa: F401

app_name = "peer_support"

urlpatterns = []

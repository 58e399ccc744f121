"""The governance URLs (namespace `governance`). Each part brings its own module and adds one include here."""

from django.urls import include, path  # noqa: F401

app_name = "governance"

urlpatterns = []

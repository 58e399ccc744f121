"""Hearth's URLs."""

from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("notifications/", include("recovery.notifications.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "recovery.views.permission_denied"
handler404 = "recovery.views.page_not_found"
handler500 = "recovery.views.server_error"

"""The phone's app at the site's root: a service worker's scope is the folder it is served from."""

from django.urls import path

from recovery.offline import views

urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("offline/", views.offline, name="offline"),
]

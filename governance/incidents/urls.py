"""Incidents: routes, included into the app's namespace."""

from django.urls import path

from governance.incidents import views

urlpatterns = [
    path("incidents/", views.incident_list, name="incident_list"),
    path("incidents/new/", views.incident_new, name="incident_new"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident_detail"),
    path("incidents/<int:pk>/review/", views.incident_review, name="incident_review"),
]

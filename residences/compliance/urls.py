"""Compliance: routes, included into the app's namespace."""

from django.urls import path

from residences.compliance import views

urlpatterns = [
    path("<int:residence_pk>/compliance/", views.compliance, name="compliance"),
    path("<int:residence_pk>/compliance/packet/", views.certification_packet, name="certification_packet"),
    path("compliance/items/<int:pk>/", views.compliance_item, name="compliance_item"),
    path("compliance/items/<int:pk>/document/", views.compliance_document, name="compliance_document"),
]

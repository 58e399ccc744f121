"""Spreadsheet imports: routes, included into the app's namespace under residences/."""

from django.urls import path

from residences.imports import views
from residences.imports.checks import HOMES, RESIDENTS

urlpatterns = [
    path("imports/", views.import_start, name="import_start"),
    path("imports/homes.csv", views.import_template, {"file": HOMES}, name="import_template_homes"),
    path("imports/residents.csv", views.import_template, {"file": RESIDENTS}, name="import_template_residents"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/import/", views.import_apply, name="import_apply"),
    path("imports/<int:pk>/undo/", views.import_undo, name="import_undo"),
]

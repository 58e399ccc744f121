"""Intake's signed-in pages: the waitlist, an application, the admit wizard and a home's bed board.

No `app_name` here: recovery/urls.py includes these into the `residences` namespace.
"""

from django.urls import path

from residences.applications import views

urlpatterns = [
    path("applications/", views.waitlist_page, name="waitlist"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/move/", views.application_move, name="application_move"),
    path("applications/<int:pk>/notes/", views.application_note, name="application_note"),
    path("applications/<int:pk>/triage/", views.application_triage, name="application_triage"),
    path("applications/<int:pk>/admit/", views.admit, name="admit"),
    path("residences/<int:pk>/beds/", views.bed_board_page, name="bed_board"),
]

"""Outcomes: routes, included into the app's namespace."""

from django.urls import path

from governance.outcomes import views

urlpatterns = [
    path("outcomes/", views.outcomes, name="outcomes"),
    path("outcomes/homes/<int:residence_pk>/", views.home_outcomes, name="home_outcomes"),
]

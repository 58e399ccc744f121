"""Ladder: routes, included into the app's namespace."""

from django.urls import path

from governance.ladder import views

urlpatterns = [
    path("homes/<int:residence_pk>/ladder/", views.ladder, name="ladder"),
    path("residents/<int:resident_pk>/violations/new/", views.violation_new, name="violation_new"),
    path("violations/<int:pk>/", views.violation_detail, name="violation_detail"),
]

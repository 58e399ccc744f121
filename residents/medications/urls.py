"""Medications and the MAT storage log; included under the `residents` namespace at "residents/"."""

from django.urls import path

from residents.medications import views

urlpatterns = [
    path("<int:resident_pk>/medications/", views.medications, name="medications"),
    path("medications/<int:pk>/log/", views.mat_log, name="mat_log"),
]

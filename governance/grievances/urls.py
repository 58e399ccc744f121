"""Grievances: routes, included into the app's namespace."""

from django.urls import path

from governance.grievances import views

urlpatterns = [
    path("grievances/", views.grievance_list, name="grievance_list"),
    path("grievances/new/", views.grievance_new, name="grievance_new"),
    path("grievances/<int:pk>/", views.grievance_detail, name="grievance_detail"),
    path("homes/<int:residence_pk>/mediations/new/", views.mediation_new, name="mediation_new"),
    path("mediations/<int:pk>/", views.mediation_detail, name="mediation_detail"),
]

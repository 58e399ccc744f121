"""Incidents, the consequence ladder, tests, grievances and mediations; included in the `governance` namespace."""

from django.urls import path

from governance.accountability import views as accountability_views
from governance.drug_tests import views as testing_views
from governance.grievances import views as grievance_views
from governance.incidents import views as incident_views
from governance.ladder import views as ladder_views

urlpatterns = [
    path("accountability/", accountability_views.dashboard, name="accountability"),
    path("me/accountability/", accountability_views.my_accountability, name="my_accountability"),
    path("incidents/", incident_views.incident_list, name="incident_list"),
    path("incidents/new/", incident_views.incident_new, name="incident_new"),
    path("incidents/<int:pk>/", incident_views.incident_detail, name="incident_detail"),
    path("incidents/<int:pk>/review/", incident_views.incident_review, name="incident_review"),
    path("homes/<int:residence_pk>/ladder/", ladder_views.ladder, name="ladder"),
    path("residents/<int:resident_pk>/violations/new/", ladder_views.violation_new, name="violation_new"),
    path("violations/<int:pk>/", ladder_views.violation_detail, name="violation_detail"),
    path("tests/", testing_views.test_list, name="test_list"),
    path("residents/<int:resident_pk>/tests/new/", testing_views.test_new, name="test_new"),
    path("tests/<int:pk>/", testing_views.test_detail, name="test_detail"),
    path("draws/<int:pk>/", testing_views.draw_detail, name="draw_detail"),
    path("homes/<int:residence_pk>/testing/", testing_views.testing_policy, name="testing_policy"),
    path("grievances/", grievance_views.grievance_list, name="grievance_list"),
    path("grievances/new/", grievance_views.grievance_new, name="grievance_new"),
    path("grievances/<int:pk>/", grievance_views.grievance_detail, name="grievance_detail"),
    path("homes/<int:residence_pk>/mediations/new/", grievance_views.mediation_new, name="mediation_new"),
    path("mediations/<int:pk>/", grievance_views.mediation_detail, name="mediation_detail"),
]

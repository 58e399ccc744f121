"""Drug tests: routes, included into the app's namespace."""

from django.urls import path

from governance.drug_tests import views

urlpatterns = [
    path("tests/", views.test_list, name="test_list"),
    path("residents/<int:resident_pk>/tests/new/", views.test_new, name="test_new"),
    path("tests/<int:pk>/", views.test_detail, name="test_detail"),
    path("draws/<int:pk>/", views.draw_detail, name="draw_detail"),
    path("homes/<int:residence_pk>/testing/", views.testing_policy, name="testing_policy"),
]

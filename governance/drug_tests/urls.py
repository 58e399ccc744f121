"""Drug and alcohol tests: routes, included into the `governance` namespace. The old /house/tests/ list answers
with a permanent redirect, for bookmarks."""

from django.urls import path
from django.views.generic import RedirectView

from governance.drug_tests import views

urlpatterns = [
    path("drug-tests/", views.test_list, name="drug_test_list"),
    path("residents/<int:resident_pk>/drug-tests/new/", views.test_new, name="drug_test_new"),
    path("drug-tests/<int:pk>/", views.test_detail, name="drug_test_detail"),
    path("drug-tests/draws/<int:pk>/", views.draw_detail, name="drug_test_draw"),
    path("homes/<int:residence_pk>/drug-testing/", views.testing_policy, name="drug_testing_policy"),
    path("tests/", RedirectView.as_view(pattern_name="governance:drug_test_list", permanent=True)),
]

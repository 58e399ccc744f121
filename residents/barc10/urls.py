"""BARC-10 assessments; included under the `residents` namespace at "residents/"."""

from django.urls import path

from residents.barc10 import views

urlpatterns = [
    path("<int:resident_pk>/barc10/", views.barc10_history, name="barc10_history"),
    path("<int:resident_pk>/barc10/new/", views.barc10_new, name="barc10_new"),
    path("me/barc10/", views.my_barc10, name="my_barc10"),
]

"""Safety plans and self-care plans; included under the `residents` namespace at "residents/"."""

from django.urls import path

from residents.safety_plans import views

urlpatterns = [
    path("<int:resident_pk>/safety-plan/", views.safety_plan, name="safety_plan"),
    path("me/safety-plan/", views.my_safety_plan, name="my_safety_plan"),
    path("me/self-care/", views.self_care_plan, name="self_care_plan"),
]

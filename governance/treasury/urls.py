"""The house treasury, under the `governance` namespace at "house/"."""

from django.urls import path

from governance.treasury import views

urlpatterns = [
    path("treasury/", views.my_treasury, name="treasury_mine"),
    path("treasury/home/<int:residence_pk>/", views.house_treasury, name="treasury_house"),
    path("treasury/home/<int:residence_pk>/report/", views.treasury_report, name="treasury_report"),
    path("treasury/home/<int:residence_pk>/audit/", views.sign_audit, name="treasury_audit"),
]

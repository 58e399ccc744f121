"""My house: routes, included into the app's namespace."""

from django.urls import path

from governance.my_house import views

urlpatterns = [
    path("my-house/", views.my_house, name="my_house"),
]

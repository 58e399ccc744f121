"""House rules: routes, included into the app's namespace."""

from django.urls import path

from residences.house_rules import views

urlpatterns = [
    path("my-house/rules/", views.my_house_rules, name="my_house_rules"),
    path("<int:residence_pk>/rules/", views.house_rules, name="house_rules"),
    path("<int:residence_pk>/rules/publish/", views.publish_rules, name="publish_rules"),
    path("rules/<int:pk>/acknowledge/", views.acknowledge_rules, name="acknowledge_rules"),
]

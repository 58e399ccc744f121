"""Operations: routes, included into the app's namespace."""

from django.urls import path

from residences.operations import views

urlpatterns = [
    path("<int:residence_pk>/house-check/", views.house_check, name="house_check"),
    path("house-checks/<int:pk>/", views.house_check_detail, name="house_check_detail"),
    path("<int:residence_pk>/maintenance/", views.maintenance, name="maintenance"),
    path("maintenance/<int:pk>/", views.maintenance_detail, name="maintenance_detail"),
    path("<int:residence_pk>/inspections/", views.inspections, name="inspections"),
    path("<int:residence_pk>/good-neighbor/", views.good_neighbor, name="good_neighbor"),
    path("neighbor-complaints/<int:pk>/", views.neighbor_complaint, name="neighbor_complaint"),
]

"""The residences' URLs (namespace `residences`). Each part of the house brings its own module."""

from django.urls import include, path

from residences.homes import views as homes
from residences.stays import views as stays

app_name = "residences"

urlpatterns = [
    path("residences/", homes.residence_list, name="residence_list"),
    path("residences/new/", homes.residence_create, name="residence_create"),
    path("residences/<int:pk>/", homes.residence_home, name="residence_home"),
    path("residences/<int:pk>/edit/", homes.residence_edit, name="residence_edit"),
    path("residences/<int:pk>/rooms/new/", homes.room_create, name="room_create"),
    path("beds/<int:pk>/service/", homes.bed_service, name="bed_service"),
    path("stays/<int:pk>/move-out/", stays.move_out, name="move_out"),
    path("stays/<int:pk>/transfer/", stays.transfer, name="transfer"),
    path("my-house/", stays.my_house, name="my_house"),
    path("", include("residences.applications.urls")),
    path("residences/", include("residences.urls_operations")),
    path("residences/", include("residences.ledger.urls")),
]

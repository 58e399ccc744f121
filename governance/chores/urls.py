"""Chores, under the `governance` namespace at "house/"."""

from django.urls import path

from governance.chores import views

urlpatterns = [
    path("chores/", views.my_chores, name="chore_mine"),
    path("chores/home/<int:residence_pk>/", views.house_chores, name="chore_house"),
    path("chores/home/<int:residence_pk>/turn/", views.turn_week, name="chore_turn"),
    path("chores/assignments/<int:pk>/done/", views.chore_done, name="chore_done"),
    path("chores/assignments/<int:pk>/check/", views.chore_check, name="chore_check"),
    path("chores/assignments/<int:pk>/missed/", views.chore_missed, name="chore_missed"),
]

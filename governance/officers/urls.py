"""Officers: routes, included into the app's namespace."""

from django.urls import path

from governance.officers import views

urlpatterns = [
    path("homes/<int:residence_pk>/officers/", views.officers, name="officers"),
    path("homes/<int:residence_pk>/elections/new/", views.new_election, name="new_election"),
    path("elections/<int:pk>/", views.election, name="election"),
    path("elections/<int:pk>/nominate/", views.nominate, name="nominate"),
    path("elections/<int:pk>/start-voting/", views.start_voting, name="start_voting"),
    path("elections/<int:pk>/vote/", views.election_vote, name="election_vote"),
    path("elections/<int:pk>/close/", views.close_election, name="close_election"),
]

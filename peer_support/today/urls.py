"""Today: routes, included into the app's namespace."""

from django.urls import path

from peer_support.today import views

urlpatterns = [
    path("today/", views.today, name="today"),
    path("today/talk/", views.ask_to_talk, name="ask_to_talk"),
    path("talk-requests/<int:pk>/answer/", views.answer_talk_request, name="answer_talk_request"),
    path("my-people/", views.my_people, name="my_people"),
    path("homes/<int:residence_pk>/community/", views.community_screen, name="community_screen"),
    path("residents/<int:resident_pk>/check-ins/", views.resident_check_ins, name="resident_check_ins"),
    path("residents/<int:resident_pk>/signals/acknowledge/", views.acknowledge_signal, name="acknowledge_signal"),
]

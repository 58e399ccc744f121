"""Routes for phases, included under the `residents` namespace at "residents/"."""

from django.urls import path

from residents.phases import views

urlpatterns = [
    path("homes/<int:residence_pk>/phases/", views.residence_phases, name="residence_phases"),
    path("phases/<int:pk>/", views.phase_edit, name="phase_edit"),
    path("<int:pk>/phase/", views.resident_phase, name="resident_phase"),
    path("phase-requests/", views.advance_requests, name="advance_requests"),
    path("phase-requests/<int:pk>/decide/", views.decide_request, name="decide_request"),
    path("my/phase/", views.my_phase, name="my_phase"),
    path("celebrations/", views.celebrations, name="celebrations"),
    path("alumni/", views.alumni, name="alumni"),
]

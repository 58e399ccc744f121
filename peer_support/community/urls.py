"""Community partners, events and service hours, under the `peer_support` namespace."""

from django.urls import path

from peer_support.community import views

urlpatterns = [
    path("partners/", views.partners, name="partners"),
    path("partners/<int:pk>/", views.partner_detail, name="partner_detail"),
    path("goals/<int:goal_pk>/partners/", views.goal_link_partner, name="goal_link_partner"),
    path("goal-partners/<int:pk>/remove/", views.goal_partner_unlink, name="goal_partner_unlink"),
    path("community/events/", views.events, name="events"),
    path("community/events/<int:pk>/rsvp/", views.event_rsvp, name="event_rsvp"),
    path("community/service-hours/", views.service_hours, name="service_hours"),
    path("community/service-hours/<int:pk>/verify/", views.service_hours_verify, name="service_hours_verify"),
]

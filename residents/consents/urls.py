"""The consent routes. Included into the `residents` namespace at "residents/" (names like "residents:consents")."""

from django.urls import path

from residents.consents import views

urlpatterns = [
    path("consents/mine/", views.my_consents, name="my_consents"),
    path("<int:resident_pk>/consents/", views.consents, name="consents"),
    path("<int:resident_pk>/consents/new/", views.consent_new, name="consent_new"),
    path("consents/<int:pk>/", views.consent_detail, name="consent_detail"),
    path("consents/<int:pk>/sign/", views.consent_sign, name="consent_sign"),
    path("consents/<int:pk>/sign-in-person/", views.consent_sign_in_person, name="consent_sign_in_person"),
    path("consents/<int:pk>/signature/", views.consent_signature, name="consent_signature"),
    path("consents/<int:pk>/revoke/", views.consent_revoke, name="consent_revoke"),
    path("consents/<int:pk>/disclose/", views.disclose, name="disclose"),
    path("consents/<int:pk>/event-happened/", views.consent_event_happened, name="consent_event_happened"),
]

"""Public pages, without sign-in, keyed by the organization's slug: the application form an operator shares,
and the free beds it chooses to publish (a page and a JSON feed). Included without a namespace."""

from django.urls import path

from residences.public import views as public

urlpatterns = [
    path("apply/<slug:org_slug>/", public.apply, name="public_apply"),
    path("beds/<slug:org_slug>/", public.availability, name="public_availability"),
    path("beds/<slug:org_slug>/feed.json", public.availability_feed, name="public_availability_feed"),
]

"""The residents' URLs (namespace `residents`, under /residents/). Each part brings its own module."""

from django.urls import include, path

app_name = "residents"

urlpatterns = [
    path("", include("residents.consents.urls")),
    path("", include("residents.plans.urls")),
    path("", include("residents.review_urls")),
    path("", include("residents.phases.urls")),
]

"""The residents' URLs (namespace `residents`, under /residents/). Each part brings its own module."""

from django.urls import include, path

app_name = "residents"

urlpatterns = [
    path("", include("residents.consents.urls")),
    path("", include("residents.plans.urls")),
    path("", include("residents.reviews.urls")),
    path("", include("residents.barc10.urls")),
    path("", include("residents.safety_plans.urls")),
    path("", include("residents.medications.urls")),
    path("", include("residents.phases.urls")),
    path("", include("residents.welcome.urls")),
]

"""The residences' URLs (namespace `residences`), one include per feature. The public pages (no sign-in) are
included by recovery/urls.py without a namespace."""

from django.urls import include, path

app_name = "residences"

urlpatterns = [
    path("", include("residences.homes.urls")),
    path("", include("residences.stays.urls")),
    path("", include("residences.applications.urls")),
    path("residences/", include("residences.house_rules.urls")),
    path("residences/", include("residences.operations.urls")),
    path("residences/", include("residences.compliance.urls")),
    path("residences/", include("residences.ledger.urls")),
    path("residences/", include("residences.imports.urls")),
]

"""The governance URLs (namespace `governance`). Each part brings its own module and adds one include here."""

from django.urls import include, path

app_name = "governance"

urlpatterns = []
urlpatterns += [path("", include("governance.house_meetings.urls"))]
urlpatterns += [path("", include("governance.accountability_urls"))]
urlpatterns += [path("", include("governance.passes.urls"))]
urlpatterns += [path("", include("governance.chores.urls"))]
urlpatterns += [path("", include("governance.treasury.urls"))]

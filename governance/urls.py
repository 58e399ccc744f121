"""The governance URLs (namespace `governance`, under /house/), one include per feature."""

from django.urls import include, path

app_name = "governance"

urlpatterns = [
    path("", include("governance.my_house.urls")),
    path("", include("governance.house_meetings.urls")),
    path("", include("governance.officers.urls")),
    path("", include("governance.accountability.urls")),
    path("", include("governance.outcomes.urls")),
    path("", include("governance.incidents.urls")),
    path("", include("governance.ladder.urls")),
    path("", include("governance.drug_tests.urls")),
    path("", include("governance.grievances.urls")),
    path("", include("governance.passes.urls")),
    path("", include("governance.chores.urls")),
    path("", include("governance.treasury.urls")),
    path("", include("governance.calendar.urls")),
]

"""Calendar: routes, included into the app's namespace. The feed's parameter is named `token` so that it is
redacted from every log (recovery.redaction)."""

from django.urls import path

from governance.calendar import views

urlpatterns = [
    path("calendar/", views.calendar_link, name="calendar_link"),
    path("calendar/new/", views.make_calendar_link, name="make_calendar_link"),
    path("calendar/revoke/", views.revoke_calendar_link, name="revoke_calendar_link"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]

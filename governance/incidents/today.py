"""Incidents on the home page's Today (recovery.today), for staff: open incidents in the homes they look after, as
far as their role sees incidents (`incidents_for`). One query."""

from django.urls import reverse

from governance.incidents.selectors import incidents_for
from recovery.models import Role
from recovery.registry import TodayLine, today_lines


@today_lines(roles={Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER}, order=30)
def open_incidents(request):
    count = incidents_for(request.membership).filter(resolved_at__isnull=True).count()
    if count:
        yield TodayLine("Open incidents", reverse("governance:incident_list") + "?open=1", count=count)

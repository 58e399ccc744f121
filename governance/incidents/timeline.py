"""Incidents on a resident's timeline (the registry's "timeline" key): those they were involved in or
witnessed. Incidents are a sensitive class: shown to the resident and to roles that see it by default
(residents.sensitivity)."""

from django.db.models import Q
from django.utils import timezone

from recovery.registry import TimelineEntry, timeline_source
from recovery.tenancy import home_time_zone
from residents.sensitivity import class_of, sees_class_of


@timeline_source
def incidents(resident, *, staff_view, membership=None, **_viewer):
    from governance.incidents.models import Incident

    if not sees_class_of(membership, resident, class_of("governance.Incident")):
        return
    involved = Incident.objects.filter(Q(involved=resident) | Q(witnesses=resident)).distinct()
    fields = ("kind", "severity", "occurred_at", "residence__time_zone", "residence__organization")
    for incident in involved.select_related("residence").only(*fields):
        day = timezone.localdate(incident.occurred_at, timezone=home_time_zone(incident.residence))  # the home's day
        text = f"Incident: {incident.get_kind_display().lower()} ({incident.get_severity_display().lower()})"
        yield TimelineEntry(day, "incident", text, incident.occurred_at)

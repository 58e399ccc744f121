"""Incidents on a resident's timeline (the registry's "timeline" key): those they were involved in or
witnessed. Incidents are a sensitive class: shown to the resident and to roles that see it by default
(residents.sensitivity)."""

from django.db.models import Q
from django.utils import timezone

from recovery.registry import TimelineEntry, timeline_source
from residents.sensitivity import class_of, sees_class_of


@timeline_source
def incidents(resident, *, staff_view, membership=None, **_viewer):
    from governance.incidents.models import Incident

    if not sees_class_of(membership, resident, class_of("governance.Incident")):
        return
    involved = Incident.objects.filter(Q(involved=resident) | Q(witnesses=resident)).distinct()
    for incident in involved.only("kind", "severity", "occurred_at"):
        day = timezone.localdate(incident.occurred_at, timezone=resident.organization.time_zone)
        text = f"Incident: {incident.get_kind_display().lower()} ({incident.get_severity_display().lower()})"
        yield TimelineEntry(day, "incident", text, incident.occurred_at)

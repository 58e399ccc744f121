"""Governance's entries on a resident's timeline (registered with residents.plans.selectors): incidents they were
involved in, drug and alcohol tests, rule violations. Incidents and test results are sensitive classes: shown to
the resident and to roles that see the class by default (residents.sensitivity)."""

from django.db.models import Q
from django.utils import timezone

from residents.plans.selectors import TimelineEntry, sees


def incidents(resident, *, staff_view, membership=None, **_viewer):
    from governance.incidents.models import Incident

    if not sees(membership, resident, "incidents"):
        return
    involved = Incident.objects.filter(Q(involved=resident) | Q(witnesses=resident)).distinct()
    for incident in involved.only("kind", "severity", "occurred_at"):
        day = timezone.localdate(incident.occurred_at, timezone=resident.organization.time_zone)
        text = f"Incident: {incident.get_kind_display().lower()} ({incident.get_severity_display().lower()})"
        yield TimelineEntry(day, "incident", text, incident.occurred_at)


def drug_tests(resident, *, staff_view, membership=None, **_viewer):
    from governance.drug_tests.models import DrugTest

    if not sees(membership, resident, "test_results"):
        return
    for test in DrugTest.objects.filter(resident=resident, collected_at__isnull=False):
        day = timezone.localdate(test.collected_at, timezone=resident.organization.time_zone)
        outcome = " — counted as a return to use" if test.return_to_use else ""
        yield TimelineEntry(day, "test", f"{test.get_kind_display()} test{outcome}", test.collected_at)


def violations(resident, *, staff_view, **_viewer):
    from governance.ladder.models import Violation

    for violation in Violation.objects.filter(resident=resident).select_related("step"):
        yield TimelineEntry(violation.occurred_on, "violation", f"House rule: {violation.rule} — {violation.step}")

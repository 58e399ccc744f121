"""Governance's entries on a resident's timeline (registered under the registry's "timeline" key): incidents they were
involved in, drug and alcohol tests, rule violations. Incidents and test results are sensitive classes: shown to
the resident and to roles that see the class by default (residents.sensitivity)."""

from recovery.registry import TimelineEntry, timeline_source


@timeline_source
def violations(resident, *, staff_view, **_viewer):
    from governance.ladder.models import Violation

    for violation in Violation.objects.filter(resident=resident).select_related("step"):
        yield TimelineEntry(violation.occurred_on, "violation", f"House rule: {violation.rule} — {violation.step}")

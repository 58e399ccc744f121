"""Rule violations on a resident's timeline (the registry's "timeline" key): the rule and the step taken."""

from recovery.registry import TimelineEntry, timeline_source


@timeline_source
def violations(resident, *, staff_view, **_viewer):
    from governance.ladder.models import Violation

    for violation in Violation.objects.filter(resident=resident).select_related("step"):
        yield TimelineEntry(violation.occurred_on, "violation", f"House rule: {violation.rule} — {violation.step}")

"""A coach's notes on drift signals on a resident's timeline (the registry's "timeline" key), for those who look
after the resident: the same people who see the signals (`peer_support.view_signals`), never the resident's peers."""

from django.utils import timezone

from recovery.registry import TimelineEntry, timeline_source
from recovery.tenancy import current_organization


@timeline_source
def signal_notes(resident, *, staff_view, **_viewer):
    from peer_support.drift_signals.models import SignalAcknowledgement

    if not staff_view:
        return
    zone = current_organization().time_zone
    notes = SignalAcknowledgement.objects.filter(resident=resident).only("kind", "note", "acknowledged_at")
    for acknowledgement in notes:
        yield TimelineEntry(
            timezone.localdate(acknowledgement.acknowledged_at, timezone=zone),
            "signal_note",
            f"Note on a signal ({acknowledgement.get_kind_display().lower()}): {acknowledgement.note}",
            acknowledgement.acknowledged_at,
        )

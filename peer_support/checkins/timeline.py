"""Check-ins on a resident's timeline (the registry's "timeline" key): only that they happened, and whether the
resident asked to talk; the answers stay on the check-in pages, where sharing rules apply."""

from recovery.registry import TimelineEntry, timeline_source


@timeline_source
def check_ins(resident, *, staff_view, **_viewer):
    from peer_support.checkins.models import CheckIn

    for check_in in CheckIn.objects.filter(resident=resident).only("day", "needs_to_talk", "created_at"):
        text = "Checked in and asked to talk" if check_in.needs_to_talk else "Checked in"
        yield TimelineEntry(check_in.day, "check_in", text, check_in.created_at)

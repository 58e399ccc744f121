"""Outside meetings on a resident's timeline (the registry's "timeline" key): only the resident's own
attendance, never who else was there."""

from recovery.registry import TimelineEntry, timeline_source


@timeline_source
def outside_meetings(resident, *, staff_view, **_viewer):
    from peer_support.outside_meetings.models import OutsideMeeting

    for meeting in OutsideMeeting.objects.filter(resident=resident):
        yield TimelineEntry(meeting.attended_on, "meeting", f"Went to a meeting ({meeting.get_kind_display()})")

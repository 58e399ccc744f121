"""Peer support's entries on a resident's timeline (registered under the registry's "timeline" key): check-ins and
outside meetings. Only that they happened, and whether the resident asked to talk: the answers stay on the
check-in pages, where sharing rules apply."""

from recovery.registry import TimelineEntry, timeline_source


@timeline_source
def outside_meetings(resident, *, staff_view, **_viewer):
    from peer_support.outside_meetings.models import OutsideMeeting

    for meeting in OutsideMeeting.objects.filter(resident=resident):
        yield TimelineEntry(meeting.attended_on, "meeting", f"Went to a meeting ({meeting.get_kind_display()})")

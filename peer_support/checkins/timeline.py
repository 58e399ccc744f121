"""Check-ins on a resident's timeline (the registry's "timeline" key): only that they happened, and whether the
resident asked to talk; the answers stay on the check-in pages, where sharing rules apply."""

from recovery.registry import TimelineEntry, timeline_source
from residents.sensitivity import is_keeper


@timeline_source
def check_ins(resident, *, staff_view, membership=None, **_viewer):
    from peer_support.checkins.models import CheckIn

    check_ins = CheckIn.objects.filter(resident=resident)
    if membership is None or (not is_keeper(membership) and resident.user_id != membership.user_id):
        # A mentee's coach: only the check-ins the resident shared with their mentor.
        check_ins = check_ins.filter(share_with_mentor=True)
    for check_in in check_ins.only("day", "needs_to_talk", "created_at"):
        text = "Checked in and asked to talk" if check_in.needs_to_talk else "Checked in"
        yield TimelineEntry(check_in.day, "check_in", text, check_in.created_at)

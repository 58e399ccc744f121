"""The outside meetings' routes (peer_support/outside_meetings/urls.py): a resident's meetings, verifying one."""

from recovery.tenancy import tenant_scope
from tests.peer_support.builders import add_resident, make_check_in, make_peer_home
from tests.recovery.builders import MARKER


def _resident(org):
    resident = add_resident(make_peer_home(org), last_name=MARKER)
    make_check_in(resident)
    return {"resident_pk": resident.pk}


def _meeting(org):
    from peer_support.checkins.services import organization_today
    from peer_support.outside_meetings.models import OutsideMeeting

    resident = add_resident(make_peer_home(org), last_name=MARKER)
    with tenant_scope(org):
        meeting = OutsideMeeting.objects.create(resident=resident, attended_on=organization_today(), name=MARKER)
    return {"pk": meeting.pk}


OBJECT_ROUTES = {
    "peer_support:resident_outside_meetings": _resident,
    "peer_support:outside_meeting_verify": _meeting,
}

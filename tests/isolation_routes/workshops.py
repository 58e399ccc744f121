"""The workshops' routes (peer_support/workshops/urls.py): scheduling a session, a session with its RSVPs,
attendance and notes."""

from recovery.tenancy import tenant_scope
from tests.peer_support.builders import make_session
from tests.recovery.builders import MARKER, unique


def _workshop(org):
    from peer_support.workshops import services as workshop_services

    with tenant_scope(org):
        return {"pk": workshop_services.add_workshop(topic="other", title=f"{MARKER} {unique()}").pk}


def _session(org):
    return {"pk": make_session(org, title=f"{MARKER} {unique()}").pk}


OBJECT_ROUTES = {
    "peer_support:session_new": _workshop,
    "peer_support:session_detail": _session,
    "peer_support:session_rsvp": _session,
    "peer_support:session_attendance": _session,
    "peer_support:session_notes": _session,
}

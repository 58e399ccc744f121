"""The mentorships' routes (peer_support/mentorships/urls.py): pairing a resident with a mentor, a mentorship, ending
it."""

from recovery.tenancy import tenant_scope
from tests.peer_support.builders import add_resident, make_check_in, make_peer_home
from tests.recovery.builders import MARKER, make_coach


def _resident(org):
    resident = add_resident(make_peer_home(org), last_name=MARKER)
    make_check_in(resident)
    return {"resident_pk": resident.pk}


def _mentorship(org):
    from peer_support.checkins.services import organization_today
    from peer_support.mentorships import services as mentor_services

    resident = add_resident(make_peer_home(org), last_name=MARKER)
    _user, coach = make_coach(org)
    with tenant_scope(org):
        mentorship = mentor_services.start_mentorship(mentee=resident, coach=coach, on=organization_today(), by=None)
        mentor_services.log_contact(mentorship=mentorship, on=organization_today(), how="call", note=MARKER)
    return {"pk": mentorship.pk}


OBJECT_ROUTES = {
    "peer_support:pair_mentor": _resident,
    "peer_support:mentorship_detail": _mentorship,
    "peer_support:mentorship_end": _mentorship,
}

"""Peer support's check-ins, mentoring, meetings and signals routes."""

from recovery.tenancy import tenant_scope
from tests.peer_support.builders import add_resident, make_peer_home
from tests.recovery.builders import MARKER, make_coach


def _resident(org):
    home = make_peer_home(org)
    return add_resident(home, last_name=MARKER)


def _resident_with_check_in(org):
    from peer_support.checkins.models import CheckIn
    from peer_support.checkins.services import organization_today

    resident = _resident(org)
    with tenant_scope(org):
        CheckIn.objects.create(resident=resident, day=organization_today(), feeling=3, craving=2, goal_today=MARKER)
    return {"resident_pk": resident.pk}


def _home(org):
    from peer_support.checkins.models import CheckIn
    from peer_support.checkins.services import organization_today

    home = make_peer_home(org)
    resident = add_resident(home, last_name=MARKER)
    with tenant_scope(org):
        CheckIn.objects.create(
            resident=resident,
            residence=home,
            day=organization_today(),
            feeling=3,
            craving=2,
            goal_today=MARKER,
            share_with_house=True,
        )
    return {"residence_pk": home.pk}


def _mentorship(org):
    from peer_support.checkins.services import organization_today
    from peer_support.mentorships import services as mentor_services

    resident = _resident(org)
    _user, coach = make_coach(org)
    with tenant_scope(org):
        mentorship = mentor_services.start_mentorship(mentee=resident, coach=coach, on=organization_today(), by=None)
        mentor_services.log_contact(mentorship=mentorship, on=organization_today(), how="call", note=MARKER)
    return {"pk": mentorship.pk}


def _meeting(org):
    from peer_support.checkins.services import organization_today
    from peer_support.outside_meetings.models import OutsideMeeting

    resident = _resident(org)
    with tenant_scope(org):
        meeting = OutsideMeeting.objects.create(resident=resident, attended_on=organization_today(), name=MARKER)
    return {"pk": meeting.pk}


OBJECT_ROUTES = {
    "peer_support:community_screen": _home,
    "peer_support:signal_settings": _home,
    "peer_support:resident_check_ins": _resident_with_check_in,
    "peer_support:acknowledge_signal": _resident_with_check_in,
    "peer_support:resident_outside_meetings": _resident_with_check_in,
    "peer_support:pair_mentor": _resident_with_check_in,
    "peer_support:mentorship_detail": _mentorship,
    "peer_support:mentorship_end": _mentorship,
    "peer_support:outside_meeting_verify": _meeting,
}

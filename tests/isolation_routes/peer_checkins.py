"""Peer support's check-ins, mentoring, meetings and signals routes, and the helpers that build a home with phases
and residents for them (the feature's tests use the same helpers)."""

from datetime import time, timedelta

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER, unique


def make_peer_home(organization, *, beds=6, opens=time(0, 0), closes=time(23, 59), phases=True):
    """A home whose check-in window is open all day (unless given), with the standard four phases."""
    from residences.stays.services import add_room_with_beds, create_residence
    from residents.phases.services import add_standard_phases

    n = unique()
    with tenant_scope(organization):
        home = create_residence(name=f"Peer Home {n}", level=2, check_in_opens_at=opens, check_in_closes_at=closes)
        add_room_with_beds(residence=home, name=f"Room {n}", bed_labels=[f"B{i}" for i in range(beds)])
        if phases:
            add_standard_phases(residence=home)
    return home


def add_resident(
    home, *, first_name="Sam", last_name="Lee", user=None, move_in=None, phase_position=None, pathways=None
):
    """Admit a resident to a free bed of `home` (optionally moved on to the phase at `phase_position`)."""
    from residences.models import Application, Bed, BedAssignment
    from residences.stays.services import admit_applicant
    from residents.models import Phase
    from residents.phases.services import move_to_phase

    n = unique()
    with tenant_scope(home.organization):
        from peer_support.checkins.services import organization_today

        today = organization_today()
        move_in = move_in or today - timedelta(days=30)
        taken = BedAssignment.objects.filter(ends_on__isnull=True).values("bed_id")
        bed = Bed.objects.filter(room__residence=home).exclude(pk__in=taken).order_by("pk").first()
        application = Application.objects.create(
            first_name=first_name, last_name=last_name, email=f"peer{n}@example.org"
        )
        stay = admit_applicant(application=application, bed=bed, move_in=move_in)
        resident = stay.resident
        if user is not None or pathways is not None:
            resident.user = user
            resident.pathways = pathways or []
            resident.save()
        if phase_position and phase_position > 1:
            phase = Phase.objects.get(residence=home, position=phase_position)
            move_to_phase(stay=stay, phase=phase, on=move_in + timedelta(days=1), by=None)
    return resident


def make_coach(organization):
    from recovery.models import Membership, Role
    from tests.recovery.builders import make_member

    user = make_member(organization, Role.COACH)
    with tenant_scope(organization):
        return user, Membership.objects.get(user=user)


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

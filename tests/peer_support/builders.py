"""Builders for the peer support app: a home open for check-ins with its phases and residents, workshop sessions and
community partners (inside the organization's scope)."""

from datetime import time, timedelta

from django.utils import timezone

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import admit, make_home


def make_peer_home(organization, *, beds=6, opens=time(0, 0), closes=time(23, 59), phases=True):
    """A home whose check-in window is open all day (unless given), with the standard four phases."""
    from residents.phases.services import add_standard_phases

    labels = [f"B{i}" for i in range(beds)]
    home = make_home(
        organization, name=f"Peer Home {unique()}", beds=labels, check_in_opens_at=opens, check_in_closes_at=closes
    )
    if phases:
        with tenant_scope(organization):
            add_standard_phases(residence=home)
    return home


def add_resident(
    home, *, first_name="Sam", last_name="Lee", user=None, move_in=None, phase_position=None, pathways=None
):
    """Admit a resident to a free bed of `home` (optionally moved on to the phase at `phase_position`)."""
    from peer_support.checkins.services import organization_today
    from residents.models import Phase
    from residents.phases.services import move_to_phase

    with tenant_scope(home.organization):
        move_in = move_in or organization_today() - timedelta(days=30)
    stay = admit(home, move_in=move_in, first_name=first_name, last_name=last_name, user=user)
    with tenant_scope(home.organization):
        resident = stay.resident
        if pathways is not None:
            resident.pathways = pathways
            resident.save()
        if phase_position and phase_position > 1:
            phase = Phase.objects.get(residence=home, position=phase_position)
            move_to_phase(stay=stay, phase=phase, on=move_in + timedelta(days=1), by=None)
    return resident


def make_session(organization, *, residence=None, starts_at=None, title=None, **fields):
    from peer_support.workshops import services as workshop_services

    with tenant_scope(organization):
        workshop = workshop_services.add_workshop(topic="communication", title=title or f"Workshop {unique()}")
        return workshop_services.schedule_session(
            workshop=workshop,
            residence=residence,
            place="Living room",
            starts_at=starts_at or timezone.now() + timedelta(days=2),
            **fields,
        )


def make_partner(organization, *, name=None):
    from peer_support.community import services as community_services

    with tenant_scope(organization):
        return community_services.add_partner(name=name or f"{MARKER} partner {unique()}", services=["food"])


def make_check_in(resident, *, residence=None, share_with_house=False, goal_today=MARKER):
    """Today's check-in of `resident` (feeling 3, craving 2), shared with the house if asked."""
    from peer_support.checkins.models import CheckIn
    from peer_support.checkins.services import organization_today

    with tenant_scope(resident.organization):
        return CheckIn.objects.create(
            resident=resident,
            residence=residence,
            day=organization_today(),
            feeling=3,
            craving=2,
            goal_today=goal_today,
            share_with_house=share_with_house,
        )

"""Peer support's community routes (give and receive, workshops, partners, events, service hours, announcements)
in the `peer_support` namespace."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from recovery.tenancy import tenant_scope
from tests.peer_support.builders import make_partner, make_session
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import make_home, resident_in
from tests.residents.builders import make_goal

# --- Fresh objects for the isolation suite ---------------------------------------------------------------------


def _help(org):
    from peer_support.give_and_receive.models import HelpExchange

    _, giver = resident_in(org, last_name=MARKER, login=False)
    _, receiver = resident_in(org, last_name=MARKER, login=False)
    with tenant_scope(org):
        entry = HelpExchange.objects.create(
            giver=giver, receiver=receiver, kind="ride", on=timezone.localdate(), note=MARKER
        )
    return {"pk": entry.pk}


def _workshop(org):
    from peer_support.workshops import services as workshop_services

    with tenant_scope(org):
        return {"pk": workshop_services.add_workshop(topic="other", title=f"{MARKER} {unique()}").pk}


def _session(org):
    return {"pk": make_session(org, title=f"{MARKER} {unique()}").pk}


def _partner(org):
    return {"pk": make_partner(org).pk}


def _goal(org):
    _, resident = resident_in(org, last_name=MARKER, login=False)
    return {"goal_pk": make_goal(resident, domain="housing", title=f"{MARKER} goal {unique()}").pk}


def _goal_partner(org):
    from peer_support.community import services as community_services

    _, resident = resident_in(org, last_name=MARKER, login=False)
    goal, partner = make_goal(resident, domain="housing", title=f"{MARKER} goal {unique()}"), make_partner(org)
    with tenant_scope(org):
        return {"pk": community_services.link_partner(goal=goal, partner=partner, by=None).pk}


def _event(org):
    from peer_support.community import services as community_services

    with tenant_scope(org):
        event = community_services.add_event(
            by=None,
            kind="volunteering",
            title=f"{MARKER} {unique()}",
            starts_at=timezone.now() + timedelta(days=3),
            place=MARKER,
        )
    return {"pk": event.pk}


def _hours(org):
    from peer_support.community import services as community_services

    _, resident = resident_in(org, last_name=MARKER, login=False)
    with tenant_scope(org):
        entry = community_services.log_service_hours(
            resident=resident, on=timezone.localdate(), hours=Decimal("2"), where=MARKER
        )
    return {"pk": entry.pk}


def _announcement(org):
    from peer_support.announcements.models import Announcement

    with tenant_scope(org):
        entry = Announcement.objects.create(
            residence=make_home(org, beds=()), title=MARKER, body=MARKER, posted_at=timezone.now()
        )
    return {"pk": entry.pk}


OBJECT_ROUTES = {
    "peer_support:give_and_receive_confirm": _help,
    "peer_support:session_new": _workshop,
    "peer_support:session_detail": _session,
    "peer_support:session_rsvp": _session,
    "peer_support:session_attendance": _session,
    "peer_support:session_notes": _session,
    "peer_support:partner_detail": _partner,
    "peer_support:goal_link_partner": _goal,
    "peer_support:goal_partner_unlink": _goal_partner,
    "peer_support:event_rsvp": _event,
    "peer_support:service_hours_verify": _hours,
    "peer_support:announcement_detail": _announcement,
}

# List pages of this part (no parameters; they read only the active organization through scoped managers):
# help_log, help_totals, workshops, workshop_new, partners, events, service_hours, announcements.
LIST_ROUTES = [
    "peer_support:give_and_receive",
    "peer_support:give_and_receive_totals",
    "peer_support:workshops",
    "peer_support:workshop_new",
    "peer_support:partners",
    "peer_support:events",
    "peer_support:service_hours",
    "peer_support:announcements",
]

"""The community's routes (peer_support/community/urls.py): partners and the goals they help with, events, service
hours."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from recovery.tenancy import tenant_scope
from tests.clock import house_today
from tests.peer_support.builders import make_partner
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import resident_in
from tests.residents.builders import make_goal


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
            resident=resident, on=house_today(), hours=Decimal("2"), where=MARKER
        )
    return {"pk": entry.pk}


OBJECT_ROUTES = {
    "peer_support:partner_detail": _partner,
    "peer_support:goal_link_partner": _goal,
    "peer_support:goal_partner_unlink": _goal_partner,
    "peer_support:event_rsvp": _event,
    "peer_support:service_hours_verify": _hours,
}

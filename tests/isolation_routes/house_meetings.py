"""House meetings, votes, officers and elections (governance/house_meetings/urls.py, governance/officers/urls.py)."""

from datetime import date

from recovery.tenancy import tenant_scope
from tests.governance.builders import make_election, make_meeting, make_motion
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import admit, make_home


def _residence(organization):
    return {"residence_pk": make_home(organization, name=f"{MARKER} home {unique()}", beds=()).pk}


def _meeting(organization):
    return {"pk": make_meeting(organization, minutes=MARKER).pk}


def _motion(organization):
    return {"pk": make_motion(organization).pk}


def _election(organization):
    election = make_election(organization)
    stay = admit(election.residence, first_name="Zed", last_name=MARKER, move_in=date(2020, 1, 1))
    from governance.officers.models import Nomination

    with tenant_scope(organization):
        Nomination.objects.create(election=election, candidate=stay.resident)
    return {"pk": election.pk}


OBJECT_ROUTES = {
    "governance:residence_meetings": _residence,
    "governance:meeting_schedule": _residence,
    "governance:decisions": _residence,
    "governance:officers": _residence,
    "governance:new_election": _residence,
    "governance:meeting": _meeting,
    "governance:add_agenda_item": _meeting,
    "governance:attendance": _meeting,
    "governance:minutes": _meeting,
    "governance:approve_minutes": _meeting,
    "governance:new_motion": _meeting,
    "governance:motion": _motion,
    "governance:vote": _motion,
    "governance:close_motion": _motion,
    "governance:election": _election,
    "governance:nominate": _election,
    "governance:start_voting": _election,
    "governance:election_vote": _election,
    "governance:close_election": _election,
}

NOT_TENANT_ROUTES = {}

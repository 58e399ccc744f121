"""The house meetings' routes (governance/house_meetings/urls.py): a home's meetings, schedule and decisions, a
meeting with its agenda, attendance and minutes, and motions with their votes."""

from datetime import date

from tests.governance.builders import make_meeting, make_motion
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import make_home


def _residence(organization):
    return {"residence_pk": make_home(organization, name=f"{MARKER} home {unique()}", beds=()).pk}


def _meeting(organization):
    return {"pk": make_meeting(organization, minutes=MARKER).pk}


def _motion(organization):
    return {"pk": make_motion(organization).pk}


OBJECT_ROUTES = {
    "governance:residence_meetings": _residence,
    "governance:meeting_schedule": _residence,
    "governance:decisions": _residence,
    "governance:meeting": _meeting,
    "governance:add_agenda_item": _meeting,
    "governance:attendance": _meeting,
    "governance:minutes": _meeting,
    "governance:approve_minutes": _meeting,
    "governance:new_motion": _meeting,
    "governance:motion": _motion,
    "governance:vote": _motion,
    "governance:close_motion": _motion,
}


def _decision(organization):
    from governance.house_meetings.models import HouseDecision
    from recovery.tenancy import tenant_scope

    home = make_home(organization, name=f"{MARKER} home {unique()}", beds=())
    with tenant_scope(organization):
        return HouseDecision.objects.create(residence=home, summary=MARKER, decided_on=date(2026, 1, 1)).pk


# The API (governance/house_meetings/api.py): meetings and the decisions log.
API_OBJECTS = {
    "house-meetings": lambda org: _meeting(org)["pk"],
    "house-decisions": _decision,
}

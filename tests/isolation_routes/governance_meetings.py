"""House meetings, votes, officers and elections (governance/house_meetings/urls.py), and the small builders the
governance test modules share."""

from datetime import date, time, timedelta

from django.utils import timezone

from governance.house_meetings.models import HouseMeeting, Motion
from governance.officers.models import Election, Office, OfficerTerm
from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import make_home, move_in


def make_meeting(organization, residence=None, *, held_on=None, **fields) -> HouseMeeting:
    held_on = held_on or date(2026, 1, 1) + timedelta(days=unique())
    residence = residence or make_home(organization, name=f"{MARKER} home {unique()}", beds=("A",))
    with tenant_scope(organization):
        return HouseMeeting.objects.create(residence=residence, held_on=held_on, starts_at=time(19, 0), **fields)


def make_motion(organization, residence=None, *, meeting=None, secret=False, title=None) -> Motion:
    meeting = meeting or make_meeting(organization, residence)
    with tenant_scope(organization):
        return Motion.objects.create(
            residence=meeting.residence,
            meeting=meeting,
            title=title or f"{MARKER} motion",
            secret=secret,
            opened_at=timezone.now(),
        )


def make_election(organization, residence=None, *, office=Office.SECRETARY) -> Election:
    residence = residence or make_home(organization, name=f"{MARKER} home {unique()}", beds=("A",))
    with tenant_scope(organization):
        return Election.objects.create(residence=residence, office=office, opened_at=timezone.now())


def make_term(
    organization, residence, resident, *, office=Office.HOUSE_LEAD, starts_on=date(2026, 11, 1), ends_on=None
) -> OfficerTerm:
    with tenant_scope(organization):
        return OfficerTerm.objects.create(
            residence=residence, office=office, resident=resident, starts_on=starts_on, ends_on=ends_on
        )


def _residence(organization):
    return {"residence_pk": make_home(organization, name=f"{MARKER} home {unique()}", beds=()).pk}


def _meeting(organization):
    return {"pk": make_meeting(organization, minutes=MARKER).pk}


def _motion(organization):
    return {"pk": make_motion(organization).pk}


def _election(organization):
    election = make_election(organization)
    stay = move_in(organization, election.residence, first_name="Zed", last_name=MARKER)
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

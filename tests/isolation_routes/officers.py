"""The officers' routes (governance/officers/urls.py): a home's officers, and an election from nomination to close."""

from datetime import date

from recovery.tenancy import tenant_scope
from tests.governance.builders import make_election
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import admit, make_home


def _residence(organization):
    return {"residence_pk": make_home(organization, name=f"{MARKER} home {unique()}", beds=()).pk}


def _election(organization):
    from governance.officers.models import Nomination

    election = make_election(organization)
    stay = admit(election.residence, first_name="Zed", last_name=MARKER, move_in=date(2020, 1, 1))
    with tenant_scope(organization):
        Nomination.objects.create(election=election, candidate=stay.resident)
    return {"pk": election.pk}


OBJECT_ROUTES = {
    "governance:officers": _residence,
    "governance:new_election": _residence,
    "governance:election": _election,
    "governance:nominate": _election,
    "governance:start_voting": _election,
    "governance:election_vote": _election,
    "governance:close_election": _election,
}

"""The chores' routes (governance/chores/urls.py): a home's chore chart, the turn, and one assignment."""

from datetime import date

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import admit, make_home


def _home_with_resident(organization):
    home = make_home(organization, name=f"{MARKER} home {unique()}", level=1)
    return home, admit(home, first_name="Casey", last_name=MARKER, move_in=date(2020, 1, 1))


def _residence(organization):
    return {"residence_pk": _home_with_resident(organization)[0].pk}


def _assignment(organization):
    from governance.chores.models import Chore, ChoreAssignment, ChoreWeek

    home, stay = _home_with_resident(organization)
    with tenant_scope(organization):
        chore = Chore.objects.create(residence=home, name=f"{MARKER} dishes")
        week = ChoreWeek.objects.create(residence=home, week_of=date(2026, 1, 5), turn=0)
        return {"pk": ChoreAssignment.objects.create(week=week, chore=chore, resident=stay.resident).pk}


OBJECT_ROUTES = {
    "governance:chore_house": _residence,
    "governance:chore_turn": _residence,
    "governance:chore_done": _assignment,
    "governance:chore_check": _assignment,
    "governance:chore_missed": _assignment,
}

NOT_TENANT_ROUTES = {
    "governance:chore_mine": "the signed-in resident's own chores",
}

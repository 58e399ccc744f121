"""The residents' and recovery plans' routes (residents/plans/urls.py)."""

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import admit, make_home
from tests.residents.builders import make_goal


def _goal_in(org):
    from residents.plans.services import add_milestone

    stay = admit(make_home(org, name=f"{MARKER} house {unique()}"), last_name=MARKER)
    goal = make_goal(stay.resident, domain="housing", title=MARKER)
    with tenant_scope(org):
        milestone = add_milestone(goal=goal, by=None, title=MARKER)
    return stay.resident, goal, milestone


def _resident(org):
    return {"pk": _goal_in(org)[0].pk}


def _goal(org):
    return {"pk": _goal_in(org)[1].pk}


def _milestone(org):
    return {"pk": _goal_in(org)[2].pk}


# Every route of residents/plans/urls.py with a parameter; tests/residents/test_plans.py checks them all with the
# URLs mounted, and the isolation suite takes them over once the site mounts them.
OBJECT_ROUTES = {
    "residents:resident_detail": _resident,
    "residents:resident_edit": _resident,
    "residents:plan": _resident,
    "residents:goal_new": _resident,
    "residents:case_notes": _resident,
    "residents:goal_edit": _goal,
    "residents:milestone_new": _goal,
    "residents:resource_new": _goal,
    "residents:goal_comment": _goal,
    "residents:milestone_done": _milestone,
}

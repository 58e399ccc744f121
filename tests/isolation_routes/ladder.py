"""The consequence ladder's routes (governance/ladder/urls.py): a home's ladder, recording a violation, a violation."""

from tests.governance.builders import make_violation
from tests.recovery.builders import MARKER
from tests.residences.builders import home_of_stay, resident_stay


def _residence(org):
    return {"residence_pk": home_of_stay(resident_stay(org, last_name=MARKER)).pk}


def _resident(org):
    return {"resident_pk": resident_stay(org, last_name=MARKER).resident.pk}


def _violation(org):
    return {"pk": make_violation(org).pk}


OBJECT_ROUTES = {
    "governance:ladder": _residence,
    "governance:violation_new": _resident,
    "governance:violation_detail": _violation,
}

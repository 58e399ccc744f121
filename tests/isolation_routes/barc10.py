"""The BARC-10's routes (residents/barc10/urls.py): a resident's history and a new assessment."""

from tests.recovery.builders import MARKER
from tests.residences.builders import make_stay


def _resident(org):
    return {"resident_pk": make_stay(org, last_name=MARKER).resident.pk}


OBJECT_ROUTES = {
    "residents:barc10_history": _resident,
    "residents:barc10_new": _resident,
}

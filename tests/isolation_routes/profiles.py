"""The residents' API routes (residents/profiles/api.py): a resident's profile."""

from tests.recovery.builders import MARKER
from tests.residences.builders import make_stay


def _resident(org):
    return make_stay(org, last_name=MARKER).resident.pk


API_OBJECTS = {
    "residents": _resident,
}

"""The homes' routes (residences/homes/urls.py): a home, its rooms and beds."""

from tests.recovery.builders import MARKER, unique
from tests.residences.builders import beds_of, make_home


def _marked_home(org):
    return make_home(org, name=f"{MARKER} {unique()}")


def _home(org):
    return {"pk": _marked_home(org).pk}


def _bed(org):
    return {"pk": beds_of(_marked_home(org))[0].pk}


OBJECT_ROUTES = {
    "residences:residence_home": _home,
    "residences:residence_edit": _home,
    "residences:room_create": _home,
    "residences:bed_service": _bed,
}

"""The stays' routes (residences/stays/urls.py): moving a resident out, or to another bed."""

from datetime import date

from tests.recovery.builders import MARKER, unique
from tests.residences.builders import admit, make_home


def _stay(org):
    home = make_home(org, name=f"{MARKER} {unique()}")
    return {"pk": admit(home, move_in=date(2026, 1, 1), last_name=MARKER).pk}


OBJECT_ROUTES = {
    "residences:move_out": _stay,
    "residences:transfer": _stay,
}

# The API (residences/stays/api.py): its detail, transfer and move-out routes.
API_OBJECTS = {
    "stays": lambda org: _stay(org)["pk"],
}

"""The check-ins' API routes (peer_support/checkins/api.py): a resident's own check-in."""

from tests.peer_support.builders import add_resident, make_check_in, make_peer_home
from tests.recovery.builders import MARKER


def _check_in(org):
    return make_check_in(add_resident(make_peer_home(org), last_name=MARKER)).pk


API_OBJECTS = {
    "check-ins": _check_in,
}

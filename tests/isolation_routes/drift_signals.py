"""The drift signals' routes (peer_support/drift_signals/urls.py): a home's signal settings."""

from tests.peer_support.builders import add_resident, make_check_in, make_peer_home
from tests.recovery.builders import MARKER


def _home(org):
    home = make_peer_home(org)
    make_check_in(add_resident(home, last_name=MARKER), residence=home, share_with_house=True)
    return {"residence_pk": home.pk}


OBJECT_ROUTES = {
    "peer_support:signal_settings": _home,
}

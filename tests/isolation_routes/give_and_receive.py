"""The give and receive routes (peer_support/give_and_receive/urls.py): confirming help given."""

from recovery.tenancy import tenant_scope
from tests.clock import house_today
from tests.recovery.builders import MARKER
from tests.residences.builders import resident_in


def _help(org):
    from peer_support.give_and_receive.models import HelpExchange

    _, giver = resident_in(org, last_name=MARKER, login=False)
    _, receiver = resident_in(org, last_name=MARKER, login=False)
    with tenant_scope(org):
        entry = HelpExchange.objects.create(giver=giver, receiver=receiver, kind="ride", on=house_today(), note=MARKER)
    return {"pk": entry.pk}


OBJECT_ROUTES = {
    "peer_support:give_and_receive_confirm": _help,
}

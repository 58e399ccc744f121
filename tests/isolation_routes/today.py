"""Peer support's today routes (peer_support/today/urls.py): a home's community screen, a resident's check-ins,
acknowledging their signal and answering their request to talk."""

from tests.peer_support.builders import add_resident, make_check_in, make_peer_home
from tests.recovery.builders import MARKER


def _home(org):
    home = make_peer_home(org)
    make_check_in(add_resident(home, last_name=MARKER), residence=home, share_with_house=True)
    return {"residence_pk": home.pk}


def _resident(org):
    resident = add_resident(make_peer_home(org), last_name=MARKER)
    make_check_in(resident)
    return {"resident_pk": resident.pk}


def _talk_request(org):
    from peer_support.checkins.services import ask_to_talk
    from recovery.tenancy import tenant_scope

    resident = add_resident(make_peer_home(org), last_name=MARKER)
    with tenant_scope(org):
        talk, _created = ask_to_talk(resident=resident)
    return {"pk": talk.pk}


OBJECT_ROUTES = {
    "peer_support:answer_talk_request": _talk_request,
    "peer_support:community_screen": _home,
    "peer_support:resident_check_ins": _resident,
    "peer_support:acknowledge_signal": _resident,
}

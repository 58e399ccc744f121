"""A resident's welcome page and sign-in routes (residents/welcome/urls.py)."""

from tests.recovery.builders import MARKER, unique
from tests.residences.builders import admit, make_home


def _resident(org):
    return {"pk": admit(make_home(org, name=f"{MARKER} house {unique()}"), last_name=MARKER).resident.pk}


OBJECT_ROUTES = {
    "residents:welcome": _resident,
    "residents:invite_resident": _resident,
    "residents:welcome_sheet": _resident,
    "residents:link_sign_in": _resident,
    "residents:revoke_sign_in": _resident,
}

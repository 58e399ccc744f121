"""The applications' routes (residences/applications/urls.py): an application, the admit wizard and the bed board."""

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER
from tests.residences.builders import make_home


def _application(org):
    from residences.models import Application

    with tenant_scope(org):
        return {"pk": Application.objects.create(first_name="Alex", last_name=MARKER, email="alex@example.org").pk}


def _residence(org):
    return {"pk": make_home(org, name=f"{MARKER} house", rooms={f"{MARKER} room": ["A"]}).pk}


OBJECT_ROUTES = {
    "residences:application_detail": _application,
    "residences:application_move": _application,
    "residences:application_note": _application,
    "residences:application_triage": _application,
    "residences:admit": _application,
    "residences:bed_board": _residence,
}

# The API (residences/applications/api.py): router basename -> a fresh object's id.
API_OBJECTS = {
    "applications": lambda org: _application(org)["pk"],
}

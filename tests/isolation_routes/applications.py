"""Intake's routes: applications, the admit wizard and the bed board (objects of one organization), and the public
form and free-bed pages (keyed by an organization's slug, public by design)."""

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER


def _application(org):
    from residences.models import Application

    with tenant_scope(org):
        return {"pk": Application.objects.create(first_name="Alex", last_name=MARKER, email="alex@example.org").pk}


def _residence(org):
    from residences.stays.services import add_room_with_beds, create_residence

    with tenant_scope(org):
        residence = create_residence(name=f"{MARKER} house", level=2)
        add_room_with_beds(residence=residence, name=f"{MARKER} room", bed_labels=["A"])
        return {"pk": residence.pk}


OBJECT_ROUTES = {
    "residences:application_detail": _application,
    "residences:application_move": _application,
    "residences:application_note": _application,
    "residences:application_triage": _application,
    "residences:admit": _application,
    "residences:bed_board": _residence,
}

_PUBLIC = "public page by design: shows only what the operator published (test_public_application)"
NOT_TENANT_ROUTES = {
    "public_apply": _PUBLIC,
    "public_availability": _PUBLIC,
    "public_availability_feed": _PUBLIC,
}

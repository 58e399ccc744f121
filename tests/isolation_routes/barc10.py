"""The BARC-10's routes (residents/barc10/urls.py): a resident's history and a new assessment."""

from datetime import date

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER
from tests.residences.builders import make_stay


def _resident(org):
    return {"resident_pk": make_stay(org, last_name=MARKER).resident.pk}


OBJECT_ROUTES = {
    "residents:barc10_history": _resident,
    "residents:barc10_new": _resident,
}


def _assessment(org):
    from residents.barc10.models import Barc10Assessment

    stay = make_stay(org, last_name=MARKER)
    with tenant_scope(org):
        answers = {f"item_{n}": 4 for n in range(1, 11)}
        return Barc10Assessment.objects.create(
            resident=stay.resident, stay=stay, taken_on=date(2026, 1, 5), total=40, **answers
        ).pk


# The API (residents/barc10/api.py).
API_OBJECTS = {
    "barc10": _assessment,
}

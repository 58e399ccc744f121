"""The medications' routes (residents/medications/urls.py): a resident's medications and a MAT dose log."""

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER
from tests.residences.builders import make_stay


def _resident(org):
    return {"resident_pk": make_stay(org, last_name=MARKER).resident.pk}


def _medication(org):
    from residents.medications import services as medications_services

    stay = make_stay(org, last_name=MARKER)
    with tenant_scope(org):
        medication = medications_services.add_medication(
            resident=stay.resident, name=MARKER, prescriber=MARKER, stored_on_site=True
        )
    return {"pk": medication.pk}


OBJECT_ROUTES = {
    "residents:medications": _resident,
    "residents:mat_log": _medication,
}

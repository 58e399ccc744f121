"""Progress reviews, BARC-10, safety plans and medications: enrolled once mounted in the `residents` namespace."""

from datetime import date

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER
from tests.residences.builders import make_stay


def _review(org):
    from residents.models import ProgressReview

    stay = make_stay(org, last_name=MARKER)
    with tenant_scope(org):
        return {"pk": ProgressReview.objects.create(stay=stay, due_on=date(2026, 1, 5), progress=MARKER).pk}


def _resident(org):
    from residents.safety_plans import services as safety_plans_services

    stay = make_stay(org, last_name=MARKER)
    with tenant_scope(org):
        safety_plans_services.save_safety_plan(resident=stay.resident, by=None, warning_signs=MARKER)
    return {"resident_pk": stay.resident.pk}


def _medication(org):
    from residents.medications import services as medications_services

    stay = make_stay(org, last_name=MARKER)
    with tenant_scope(org):
        medication = medications_services.add_medication(
            resident=stay.resident, name=MARKER, prescriber=MARKER, stored_on_site=True
        )
    return {"pk": medication.pk}


OBJECT_ROUTES = {
    "residents:review_detail": _review,
    "residents:barc10_history": _resident,
    "residents:barc10_new": _resident,
    "residents:safety_plan": _resident,
    "residents:medications": _resident,
    "residents:mat_log": _medication,
}

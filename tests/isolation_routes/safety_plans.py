"""The safety plans' routes (residents/safety_plans/urls.py)."""

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER
from tests.residences.builders import make_stay


def _resident(org):
    from residents.safety_plans import services as safety_plans_services

    stay = make_stay(org, last_name=MARKER)
    with tenant_scope(org):
        safety_plans_services.save_safety_plan(resident=stay.resident, by=None, warning_signs=MARKER)
    return {"resident_pk": stay.resident.pk}


OBJECT_ROUTES = {
    "residents:safety_plan": _resident,
}

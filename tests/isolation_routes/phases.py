"""The phase routes: a home's phases, one phase, a resident's phase page, and deciding a request to advance."""

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER
from tests.residences.builders import make_stay


def _stay_with_phases(org):
    from residents.phases import services as phase_services

    stay = make_stay(org, last_name=MARKER)
    with tenant_scope(org):
        home = phase_services.stay_home(stay)
        phases = phase_services.add_standard_phases(residence=home)
        phases[0].description = MARKER
        phases[0].save()
        phase_services.welcome(stay=stay, on=stay.move_in)
    return stay, phases


def _home(org):
    _stay, phases = _stay_with_phases(org)
    return {"residence_pk": phases[0].residence_id}


def _phase(org):
    _stay, phases = _stay_with_phases(org)
    return {"pk": phases[0].pk}


def _resident(org):
    stay, _phases = _stay_with_phases(org)
    return {"pk": stay.resident_id}


def _request(org):
    from residents.phases import services as phase_services

    stay, _phases = _stay_with_phases(org)
    with tenant_scope(org):
        return {"pk": phase_services.ask_to_advance(stay=stay, why_ready=MARKER).pk}


OBJECT_ROUTES = {
    "residents:residence_phases": _home,
    "residents:phase_edit": _phase,
    "residents:resident_phase": _resident,
    "residents:decide_request": _request,
}

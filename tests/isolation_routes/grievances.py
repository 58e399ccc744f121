"""The grievances' routes (governance/grievances/urls.py): a grievance, and mediations between residents of a home."""

from recovery.tenancy import tenant_scope
from tests.clock import house_today
from tests.governance.builders import make_grievance
from tests.recovery.builders import MARKER
from tests.residences.builders import home_of_stay, resident_stay


def _residence(org):
    return {"residence_pk": home_of_stay(resident_stay(org, last_name=MARKER)).pk}


def _grievance(org):
    return {"pk": make_grievance(org).pk}


def _mediation(org):
    from governance.grievances import services as grievance_services

    first = resident_stay(org, last_name=MARKER)
    home = home_of_stay(first)
    second = resident_stay(org, residence=home, last_name=MARKER)
    with tenant_scope(org):
        mediation = grievance_services.record_mediation(
            residence=home,
            parties=[first.resident, second.resident],
            issue=MARKER,
            held_on=house_today(),
            by=None,
        )
    return {"pk": mediation.pk}


OBJECT_ROUTES = {
    "governance:grievance_detail": _grievance,
    "governance:mediation_new": _residence,
    "governance:mediation_detail": _mediation,
}

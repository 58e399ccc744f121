"""Accountability's routes (incidents, the ladder, tests, grievances, mediations) in the `governance` namespace."""

from datetime import timedelta

from django.utils import timezone

from recovery.tenancy import tenant_scope
from tests.governance.builders import make_grievance, make_incident, make_test, make_violation
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import home_of_stay, resident_stay


def _incident(org):
    return {"pk": make_incident(org).pk}


def _violation(org):
    return {"pk": make_violation(org).pk}


def _resident(org):
    return {"resident_pk": resident_stay(org, last_name=MARKER).resident.pk}


def _residence(org):
    return {"residence_pk": home_of_stay(resident_stay(org, last_name=MARKER)).pk}


def _test(org):
    return {"pk": make_test(org).pk}


def _draw(org):
    from governance.drug_tests import services as testing_services

    stay = resident_stay(org, last_name=MARKER)
    with tenant_scope(org):
        draw = testing_services.draw_random_tests(
            residence=home_of_stay(stay), day=timezone.localdate() - timedelta(days=unique())
        )
    return {"pk": draw.pk}


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
            held_on=timezone.localdate(),
            by=None,
        )
    return {"pk": mediation.pk}


OBJECT_ROUTES = {
    "governance:incident_detail": _incident,
    "governance:incident_review": _incident,
    "governance:ladder": _residence,
    "governance:violation_new": _resident,
    "governance:violation_detail": _violation,
    "governance:drug_test_new": _resident,
    "governance:drug_test_detail": _test,
    "governance:drug_test_draw": _draw,
    "governance:drug_testing_policy": _residence,
    "governance:grievance_detail": _grievance,
    "governance:mediation_new": _residence,
    "governance:mediation_detail": _mediation,
}

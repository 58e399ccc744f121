"""Accountability's routes (incidents, the ladder, tests, grievances, mediations) in the `governance` namespace,
and the helpers that make their objects (the accountability tests use the same helpers)."""

from datetime import timedelta

from django.utils import timezone

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import home_of_stay, resident_stay


def make_incident(organization, *, severity="low", stay=None, by=None, text=MARKER, **kwargs):
    from governance.incidents import services as incident_services

    stay = stay or resident_stay(organization, last_name=text)
    with tenant_scope(organization):
        return incident_services.report_incident(
            residence=home_of_stay(stay),
            kind="conflict",
            severity=severity,
            occurred_at=timezone.now() - timedelta(hours=1),
            description=text,
            by=by or stay.resident.user,
            involved=[stay.resident],
            **kwargs,
        )


def make_violation(organization, *, stay=None, text=MARKER):
    from governance.ladder import services as ladder_services

    stay = stay or resident_stay(organization, last_name=text)
    with tenant_scope(organization):
        return ladder_services.record_violation(
            resident=stay.resident,
            residence=home_of_stay(stay),
            rule=text,
            evidence=text,
            occurred_on=timezone.localdate(),
            by=None,
        )


def make_test(organization, *, stay=None):
    from governance.drug_tests import services as testing_services

    stay = stay or resident_stay(organization, last_name=MARKER)
    with tenant_scope(organization):
        return testing_services.schedule_test(
            resident=stay.resident, residence=home_of_stay(stay), due_on=timezone.localdate(), kind="urine"
        )


def make_grievance(organization, *, stay=None, about_house_manager=False, text=MARKER):
    from governance.grievances import services as grievance_services

    stay = stay or resident_stay(organization, last_name=text)
    with tenant_scope(organization):
        return grievance_services.file_grievance(
            resident=stay.resident,
            residence=home_of_stay(stay),
            subject=text,
            details=text,
            by=stay.resident.user,
            about_house_manager=about_house_manager,
        )


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

"""The drug tests' routes (governance/drug_tests/urls.py): ordering a test, a test, a random draw, a home's policy."""

from datetime import timedelta

from recovery.tenancy import tenant_scope
from tests.clock import house_today
from tests.governance.builders import make_drug_test
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import home_of_stay, resident_stay


def _residence(org):
    return {"residence_pk": home_of_stay(resident_stay(org, last_name=MARKER)).pk}


def _resident(org):
    return {"resident_pk": resident_stay(org, last_name=MARKER).resident.pk}


def _drug_test(org):
    return {"pk": make_drug_test(org).pk}


def _draw(org):
    from governance.drug_tests import services as drug_test_services

    stay = resident_stay(org, last_name=MARKER)
    with tenant_scope(org):
        draw = drug_test_services.draw_random_tests(
            residence=home_of_stay(stay), day=house_today() - timedelta(days=unique())
        )
    return {"pk": draw.pk}


OBJECT_ROUTES = {
    "governance:drug_test_new": _resident,
    "governance:drug_test_detail": _drug_test,
    "governance:drug_test_draw": _draw,
    "governance:drug_testing_policy": _residence,
}

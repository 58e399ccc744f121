"""The house treasury's routes (governance/treasury/urls.py): a home's treasury, its report and audit."""

from datetime import date
from decimal import Decimal

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import admit, make_home


def _home_with_resident(organization):
    home = make_home(organization, name=f"{MARKER} home {unique()}", level=1)
    return home, admit(home, first_name="Casey", last_name=MARKER, move_in=date(2020, 1, 1))


def _expense(organization):
    from governance.treasury import services as treasury_services

    home, _stay = _home_with_resident(organization)
    with tenant_scope(organization):
        treasury_services.record_expense(residence=home, spent_on=date(2026, 1, 5), what=MARKER, amount=Decimal("10"))
    return {"residence_pk": home.pk}


OBJECT_ROUTES = {
    "governance:treasury_house": _expense,
    "governance:treasury_report": _expense,
    "governance:treasury_audit": _expense,
}

NOT_TENANT_ROUTES = {
    "governance:treasury_mine": "redirects to the signed-in resident's own home",
}

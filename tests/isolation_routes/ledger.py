"""The rent and fees ledger's routes (residences/ledger/urls.py)."""

from datetime import timedelta
from decimal import Decimal

from recovery.tenancy import organization_today, tenant_scope
from tests.recovery.builders import MARKER
from tests.residences.builders import make_stay


def _stay(org):
    return {"stay_pk": make_stay(org, last_name=MARKER).pk}


def _entry(org):
    from residences.ledger import services as ledger

    stay = make_stay(org, last_name=MARKER)
    with tenant_scope(org):
        posted_on = organization_today() - timedelta(days=2)
        entry = ledger.post_charge(
            stay=stay, category="fee", amount=Decimal("10.00"), posted_on=posted_on, description=MARKER
        )
    return {"pk": entry.pk}


def _disclosure(org):
    from residences.ledger import services as ledger

    stay = make_stay(org, last_name=MARKER, signed=False)
    with tenant_scope(org):
        disclosure = ledger.prepare_fee_disclosure(
            stay=stay, rent_amount=Decimal("175.00"), rent_period="weekly", refund_policy=MARKER
        )
    return {"pk": disclosure.pk}


def _residence(org):
    stay = make_stay(org, last_name=MARKER)
    with tenant_scope(org):
        from residences.ledger.selectors import residence_of_stay

        return {"residence_pk": residence_of_stay(stay).pk}


OBJECT_ROUTES = {
    "residences:ledger": _stay,
    "residences:post_charge": _stay,
    "residences:record_payment": _stay,
    "residences:post_credit": _stay,
    "residences:statement": _stay,
    "residences:prepare_disclosure": _stay,
    "residences:sign_disclosure": _disclosure,
    "residences:correct_entry": _entry,
    "residences:behind": _residence,
}

"""The rent and fees ledger's routes, and the helpers that make a stay with a ledger for them (the ledger's tests
use the same helpers).

The routes are mounted in the site's URLs in the `residences` namespace and enrolled in the isolation suite.
"""

from datetime import timedelta
from decimal import Decimal

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER, unique


def make_stay(
    organization,
    *,
    first_name="Jordan",
    last_name="Reyes",
    move_in=None,
    rent=Decimal("175.00"),
    rent_period="weekly",
    residence=None,
    user=None,
    signed=True,
):
    """An admitted resident's stay in a home of `organization` (a new home unless one is given).

    With `signed`, the resident has signed a fee disclosure of `rent` per `rent_period`.
    """
    from residences.ledger import services as ledger
    from residences.models import Application
    from residences.stays.services import add_room_with_beds, admit_applicant, create_residence

    n = unique()
    with tenant_scope(organization):
        move_in = move_in or ledger.organization_today() - timedelta(days=60)
        if residence is None:
            residence = create_residence(name=f"Ledger home {n}", level=2, rent_amount=rent, rent_period=rent_period)
        room = add_room_with_beds(residence=residence, name=f"Room {n}", bed_labels=["A"])
        application = Application.objects.create(
            first_name=first_name, last_name=last_name, email=f"applicant{n}@example.org"
        )
        stay = admit_applicant(application=application, bed=room.beds.get(), move_in=move_in)
        if user is not None:
            stay.resident.user = user
            stay.resident.save()
        if signed:
            sign_disclosure(stay, rent=rent, rent_period=rent_period)
    return stay


def sign_disclosure(stay, *, rent=Decimal("175.00"), rent_period="weekly", on=None):
    """Prepare a fee disclosure for the stay and have it signed in person."""
    from residences.ledger import services as ledger

    with tenant_scope(stay.organization):
        disclosure = ledger.prepare_fee_disclosure(
            stay=stay,
            rent_amount=rent,
            rent_period=rent_period,
            deposit_amount=Decimal("150.00"),
            refund_policy=ledger.DEFAULT_REFUND_POLICY,
        )
        return ledger.sign_fee_disclosure(disclosure=disclosure, signed_name="Signed in person", agreed=True, by=None)


def _stay(org):
    return {"stay_pk": make_stay(org, last_name=MARKER).pk}


def _entry(org):
    from residences.ledger import services as ledger

    stay = make_stay(org, last_name=MARKER)
    with tenant_scope(org):
        posted_on = ledger.organization_today() - timedelta(days=2)
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


LEDGER_OBJECT_ROUTES = {
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


OBJECT_ROUTES = LEDGER_OBJECT_ROUTES

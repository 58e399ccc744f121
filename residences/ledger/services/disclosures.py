"""The fee disclosure: what a stay will be charged, prepared by staff and signed by the resident before any
charge is posted."""

from django.db import transaction
from django.utils import timezone

from recovery.tenancy import home_time_zone, home_today
from residences.homes.models import RentPeriod, RentRule
from residences.homes.selectors import stay_has_ended
from residences.ledger.services.entries import ZERO, LedgerProblem, _home_filed_under, _locked_stay, _money
from residences.models import FeeDisclosure, Stay

_DEPOSIT_REFUND = (
    "The deposit is refunded within 30 days of move-out, less the cost of any damage beyond normal wear, with an "
    "itemized list."
)
# The refund policy Hearth writes for each rent rule: what `services.rent.settle_rent_at_move_out` does.
REFUND_POLICIES = {
    RentRule.BY_DAY: (
        "Rent charged for days after you move out is credited to your ledger on the day you move out; whatever "
        "you have then paid ahead is refunded within 14 days. " + _DEPOSIT_REFUND
    ),
    RentRule.FULL_PERIOD: (
        "Rent is for whole periods: rent for the days after you move out in your last period is not refunded. "
        "Whatever you have paid ahead for later periods is refunded within 14 days. " + _DEPOSIT_REFUND
    ),
}
DEFAULT_REFUND_POLICY = REFUND_POLICIES[RentRule.BY_DAY]


@transaction.atomic
def prepare_fee_disclosure(
    *,
    stay: Stay,
    rent_amount,
    rent_period: str,
    refund_policy: str,
    deposit_amount=ZERO,
    fee_schedule: str = "",
    rent_rule: str = RentRule.BY_DAY,
    by=None,
) -> FeeDisclosure:
    """Write down the rent, deposit, other fees and refund policy for a resident to read and sign.

    A snapshot: later changes to the home's policies do not change what this resident agreed to. A newer
    disclosure replaces one still waiting for a signature (it was never agreed, so nothing is lost).
    `rent_rule` says how a part period is charged (`RentRule`; the terms it shows are `services.rent`'s
    RENT_RULE_TERMS). Money is Decimal (or a string or int); raises LedgerProblem for bad terms.
    """
    stay = _locked_stay(stay)
    if stay_has_ended(stay, home_today(_home_filed_under(stay))):
        raise LedgerProblem("This stay has ended; a new disclosure is only for a current stay.")
    if rent_period not in RentPeriod.values:
        raise LedgerProblem("Choose whether rent is weekly or monthly.")
    if rent_rule not in RentRule.values:
        raise LedgerProblem("Choose how a part period is charged: by the day, or as the full period.")
    if not refund_policy.strip():
        raise LedgerProblem("Write the refund policy: residents must know it before they pay anything.")
    FeeDisclosure.objects.filter(stay=stay, signed_at__isnull=True).delete()
    return FeeDisclosure.objects.create(
        stay=stay,
        rent_amount=_money(rent_amount, allow_zero=True),
        rent_period=rent_period,
        rent_rule=rent_rule,
        deposit_amount=_money(deposit_amount, allow_zero=True),
        fee_schedule=fee_schedule.strip(),
        refund_policy=refund_policy.strip(),
        prepared_by=by,
    )


@transaction.atomic
def sign_fee_disclosure(
    *, disclosure: FeeDisclosure, signed_name: str, agreed: bool, by, ip_address: str | None = None, now=None
) -> FeeDisclosure:
    """The resident signs: their typed name, when, and from where. Signed once; the signature is final.

    Signed on the resident's own account, or in person on a staff member's (recorded as such).
    """
    disclosure = (
        FeeDisclosure.objects.select_for_update(of=("self",))
        .select_related("stay__resident", "organization")
        .get(pk=disclosure.pk)
    )
    if disclosure.is_signed:
        home = _home_filed_under(disclosure.stay)
        signed_on = timezone.localdate(disclosure.signed_at, timezone=home_time_zone(home))
        raise LedgerProblem(f"This disclosure was already signed on {signed_on:%B %-d, %Y}.")
    newest = FeeDisclosure.objects.filter(stay=disclosure.stay_id).order_by("-prepared_at", "-pk").first()
    if newest.pk != disclosure.pk:
        raise LedgerProblem("A newer version of this disclosure has been prepared; sign that one instead.")
    if not agreed:
        raise LedgerProblem("Tick the box to say you have read the fees and the refund policy and agree to them.")
    signed_name = " ".join(signed_name.split())
    if not signed_name:
        raise LedgerProblem("Type your full name to sign.")
    disclosure.signed_name = signed_name[:200]
    disclosure.signed_at = now or timezone.now()
    disclosure.signed_ip = ip_address or None
    disclosure.signed_by = by
    disclosure.signed_in_person = by is None or disclosure.stay.resident.user_id != by.pk
    disclosure.save()
    return disclosure

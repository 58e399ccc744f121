"""The ledger's verbs: disclose and sign the fees, post charges, take payments, credit, correct, post the
recurring rent once per period, and follow the house's steps for an unpaid balance.

Every write goes through here. A posted entry is final: there is no function that changes one, only
`correct_entry`, which posts a reversing entry with a reason. One module per part: `entries`, `disclosures`,
`rent`, `nonpayment`; callers import from this package.
"""

from residences.ledger.models import RENT_RULE_TERMS
from residences.ledger.services.disclosures import (
    DEFAULT_REFUND_POLICY,
    REFUND_POLICIES,
    prepare_fee_disclosure,
    sign_fee_disclosure,
)
from residences.ledger.services.entries import (
    CENT,
    ZERO,
    DisclosureNotSigned,
    LedgerEntryIsFinal,
    LedgerProblem,
    balance_for,
    change_entry,
    correct_entry,
    latest_signed_disclosure,
    post_charge,
    post_credit,
    record_payment,
)
from residences.ledger.services.nonpayment import (
    NONPAYMENT_STEPS,
    NONPAYMENT_WAITS,
    STEP_NOTES,
    STEPS_FOR_HOUSE_MANAGERS,
    advance_nonpayment_steps,
    next_nonpayment_step,
    overdue_since,
)
from residences.ledger.services.rent import (
    RENT_KEY_PREFIX,
    Period,
    RentRun,
    days_charged,
    period_from_key,
    post_recurring_rent,
    post_rent_for_stay,
    rent_for_days,
    rent_period_containing,
    settle_rent_at_move_out,
)

__all__ = [
    "CENT",
    "DEFAULT_REFUND_POLICY",
    "NONPAYMENT_STEPS",
    "NONPAYMENT_WAITS",
    "REFUND_POLICIES",
    "RENT_KEY_PREFIX",
    "RENT_RULE_TERMS",
    "STEPS_FOR_HOUSE_MANAGERS",
    "STEP_NOTES",
    "ZERO",
    "DisclosureNotSigned",
    "LedgerEntryIsFinal",
    "LedgerProblem",
    "Period",
    "RentRun",
    "advance_nonpayment_steps",
    "balance_for",
    "change_entry",
    "correct_entry",
    "days_charged",
    "latest_signed_disclosure",
    "next_nonpayment_step",
    "overdue_since",
    "period_from_key",
    "post_charge",
    "post_credit",
    "post_recurring_rent",
    "post_rent_for_stay",
    "prepare_fee_disclosure",
    "record_payment",
    "rent_for_days",
    "rent_period_containing",
    "settle_rent_at_move_out",
    "sign_fee_disclosure",
]

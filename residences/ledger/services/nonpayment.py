"""An unpaid balance, step by step: how long it has been overdue, and the house's non-payment steps (reminder,
conversation, payment plan, review), each opened once and told to the resident and the house managers."""

from contextlib import suppress
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse

from recovery.notifications.services import RecipientNotAMember, notify
from residences.homes.selectors import home_of, house_managers_of
from residences.ledger.models import (
    NonPaymentStepKind,
)
from residences.ledger.services.entries import ZERO
from residences.models import LedgerEntry, NonPaymentStep, Stay

# The house's published steps for an unpaid balance, in order, with how many days the oldest unpaid charge
# must have waited before each one opens. One step opens per run, so nobody gets a notice before a reminder.
NONPAYMENT_STEPS = (
    (NonPaymentStepKind.REMINDER, 1),
    (NonPaymentStepKind.NOTICE, 7),
    (NonPaymentStepKind.PAYMENT_PLAN, 14),
    (NonPaymentStepKind.REVIEW, 30),
)
# And how many days each step waits after the step before it was actually opened (the gaps of the schedule
# above), so a charge dated far back, or a scheduler that was down, never opens several steps at once: the
# resident always has the published time between two steps to pay or talk.
NONPAYMENT_WAITS = {
    step: after_days - (NONPAYMENT_STEPS[n - 1][1] if n else 0) for n, (step, after_days) in enumerate(NONPAYMENT_STEPS)
}


# What each step means, shown to the resident on their balance page and in their notification.
STEP_NOTES = {
    NonPaymentStepKind.REMINDER: (
        "Part of your balance is past due. Please pay it, or talk with your house manager if money is tight. "
        "Nothing else happens yet."
    ),
    NonPaymentStepKind.NOTICE: (
        "Your balance has been past due for a week. Please pay it or talk with your house manager this week, "
        "so you can agree on a plan together."
    ),
    NonPaymentStepKind.PAYMENT_PLAN: (
        "Your house manager will sit down with you to agree on a plan you can keep. You may bring a peer or a "
        "support person."
    ),
    NonPaymentStepKind.REVIEW: (
        "The balance has been past due for a month, so your stay will be reviewed with you. You will be heard "
        "before anything is decided, and you may bring a support person."
    ),
}


def overdue_since(stay: Stay) -> tuple[Decimal, date | None]:
    """The balance and the date of the oldest charge not yet paid (None when nothing is owed).

    Payments and credits pay the oldest charges first, the usual way a ledger is aged.
    """
    effects = list(
        LedgerEntry.objects.filter(stay=stay)
        .order_by("posted_on", "created_at", "pk")
        .values_list("posted_on", "balance_effect")
    )
    balance = sum((effect for _day, effect in effects), ZERO)
    if balance <= 0:
        return balance, None
    paid = -sum((effect for _day, effect in effects if effect < 0), ZERO)
    charged = ZERO
    for day, effect in effects:
        if effect > 0:
            charged += effect
            if charged > paid:
                return balance, day
    return balance, None  # unreachable while balance > 0; kept for the type checker's peace


def _notify_resident(stay: Stay, step: NonPaymentStep) -> None:
    user = stay.resident.user
    if user is None:
        return  # no sign-in yet: the house manager tells them in person, and the step shows on their ledger
    # Someone who no longer signs in here is not notified; the step is still recorded and shown to staff.
    with suppress(RecipientNotAMember):
        notify(
            recipient=user,
            kind=f"ledger.nonpayment.{step.step}",
            title=f"{step.get_step_display()}: your balance of ${step.balance_at_step} is past due",
            body=step.note,
            url=reverse("residences:my_balance"),
        )


# Steps where the house manager has something to do: sit down for a plan, or hold the review.
STEPS_FOR_HOUSE_MANAGERS = frozenset({NonPaymentStepKind.PAYMENT_PLAN, NonPaymentStepKind.REVIEW})


def _notify_house_managers(stay: Stay, step: NonPaymentStep) -> None:
    """Tell the managers of the stay's home that a step needs them. No name or amount in the title."""
    for manager in house_managers_of(home_of(stay=stay, on=None, latest=True)):
        with suppress(RecipientNotAMember):
            notify(
                recipient=manager,
                kind=f"ledger.nonpayment.{step.step}.staff",
                title=f"{step.get_step_display()} due for a resident's unpaid balance",
                body="Open their ledger to see the balance and the steps so far.",
                url=reverse("residences:ledger", kwargs={"stay_pk": stay.pk}),
            )


def next_nonpayment_step(*, opened: dict[str, date], since: date, today: date):
    """The next step not yet opened in this overdue stretch if it is due `today`, else None.

    `opened` maps the steps already opened in the stretch to the day each opened; `since` is the stretch's date
    (the oldest unpaid charge's); dates are in the organization's time zone. A step is due when the balance has
    been overdue its published number of days (NONPAYMENT_STEPS) and, after the first, when its wait has passed
    since the step before it opened (NONPAYMENT_WAITS), whatever the charge's date or the scheduler did.
    """
    previous_opened_on = None
    for step, after_days in NONPAYMENT_STEPS:
        if step in opened:
            previous_opened_on = opened[step]
            continue
        if (today - since).days < after_days:
            return None
        if previous_opened_on is not None and (today - previous_opened_on).days < NONPAYMENT_WAITS[step]:
            return None
        return step
    return None


@transaction.atomic
def advance_nonpayment_steps(*, stay: Stay, today: date) -> NonPaymentStep | None:
    """Open the next of the house's steps for an unpaid balance when it is due, and tell the resident.

    Steps go in order (reminder, notice, payment plan, review), at most one per run, each once per overdue
    stretch; paying off the oldest unpaid charge ends the stretch. Each step waits its published days overdue
    and its wait after the step before it opened (`next_nonpayment_step`), so a back-dated charge opens only the
    reminder today. Safe to run any number of times a day. `today` is a date in the organization's time zone.
    The house managers of the home hear of the steps that need them (payment plan, review).
    """
    stay = Stay.objects.select_for_update(of=("self",)).select_related("resident__user").get(pk=stay.pk)
    balance, since = overdue_since(stay)
    if since is None:
        return None
    days = (today - since).days
    opened = dict(NonPaymentStep.objects.filter(stay=stay, overdue_since=since).values_list("step", "opened_on"))
    step_kind = next_nonpayment_step(opened=opened, since=since, today=today)
    if step_kind is None:
        return None
    try:
        with transaction.atomic():
            step = NonPaymentStep.objects.create(
                stay=stay,
                step=step_kind,
                overdue_since=since,
                days_overdue=days,
                balance_at_step=balance,
                opened_on=today,
                note=STEP_NOTES[step_kind],
            )
    except IntegrityError:
        return None  # another run opened it a moment ago
    _notify_resident(stay, step)
    if step.step in STEPS_FOR_HOUSE_MANAGERS:
        _notify_house_managers(stay, step)
    return step

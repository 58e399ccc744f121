"""Residences' Celery tasks: the periodic dispatchers for recurring rent and unpaid-balance steps, and the
per-home tasks they fan out to. Tasks take ids, enter the home's tenant scope by name, and call services;
each is safe to run twice (rent has a unique key per stay and period, a step one per overdue stretch)."""

import logging
from datetime import date

from celery import shared_task

from recovery.celery import tenant_task
from recovery.tenancy import home_today, scopes_disabled
from residences.homes.selectors import stays_living_in
from residences.ledger import services as ledger_services
from residences.models import Residence

logger = logging.getLogger(__name__)


def _residence_ids() -> list[int]:
    with scopes_disabled():
        return list(Residence.objects.order_by("pk").values_list("pk", flat=True))


@shared_task(name="residences.post_recurring_rent_dispatch")
def post_recurring_rent_dispatch() -> int:
    """Queue one rent run per home, across organizations. Each run posts only what is not posted yet."""
    residence_ids = _residence_ids()
    for residence_id in residence_ids:
        post_recurring_rent.delay(residence_id)
    return len(residence_ids)


@tenant_task(name="residences.post_recurring_rent", model="residences.Residence", if_gone={"status": "missing"})
def post_recurring_rent(residence, on: str | None = None) -> dict:
    """Post the current period's rent for everyone living in one home (on `on`, an ISO date, or the house's today)."""
    day = date.fromisoformat(on) if on else home_today(residence)
    run = ledger_services.post_recurring_rent(residence=residence, on=day)
    if run.waiting_for_signature:
        # Ids only: no names in logs.
        logger.info(
            "Rent not posted in residence %s for %d stays without a signed fee disclosure.",
            residence.pk,
            len(run.waiting_for_signature),
        )
    return {
        "posted": len(run.posted),
        "already_posted": run.already_posted,
        "waiting_for_signature": len(run.waiting_for_signature),
        "no_rent": run.no_rent,
    }


@shared_task(name="residences.advance_nonpayment_steps")
def advance_nonpayment_steps_dispatch() -> int:
    """Queue one unpaid-balance check per home, across organizations."""
    residence_ids = _residence_ids()
    for residence_id in residence_ids:
        advance_nonpayment_steps_for_residence.delay(residence_id)
    return len(residence_ids)


@tenant_task(
    name="residences.advance_nonpayment_steps_for_residence",
    model="residences.Residence",
    actor="residences.advance_nonpayment_steps",
    if_gone=0,
)
def advance_nonpayment_steps_for_residence(residence, on: str | None = None) -> int:
    """Open the next due step for everyone living in one home who is behind; returns how many steps opened."""
    day = date.fromisoformat(on) if on else home_today(residence)
    opened = 0
    for stay in stays_living_in(residence, on=day):
        if ledger_services.advance_nonpayment_steps(stay=stay, today=day) is not None:
            opened += 1
    return opened

"""Accountability's Celery tasks: dispatchers find what is due (follow-up actions, grievance responses, homes'
random draws) and fan out one task per item; each task enters the item's tenant scope and calls a service. A
unique key per occurrence (a notice per key and person; a draw per home and day) makes a second run a no-op."""

from datetime import date

from recovery.celery import tenant_task
from recovery.tenancy import home_today


@tenant_task(name="governance.draw_random_tests", model="residences.Residence", if_gone=None)
def draw_random_tests(residence, on: str | None = None) -> int | None:
    """Draw the home's random tests for the day (once); returns the draw's id, or None when it was refused."""
    from governance.drug_tests import services as testing_services

    day = date.fromisoformat(on) if on else home_today(residence)
    try:
        return testing_services.draw_random_tests(residence=residence, day=day).pk
    except testing_services.TestingProblem:
        return None  # a high rate without a reason: the home's page says so; nothing is drawn

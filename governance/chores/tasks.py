"""Celery tasks for house life: flag residents overdue back (once per sign-out), and turn each home's chore
rotation (once per home per week). Dispatchers find ids with scopes disabled; per-item tasks enter the tenant
scope and call services; the unique keys (OverdueFlag per sign-out, ChoreWeek per home and week) make reruns
do nothing twice."""

from celery import shared_task

from recovery.celery import tenant_task
from recovery.tenancy import home_today, scopes_disabled


@shared_task(name="governance.turn_chore_weeks_dispatch")
def turn_chore_weeks_dispatch(queue: str | None = None) -> list[str]:
    """Queue one rotation turn per home with active chores."""
    from governance.chores.models import Chore

    with scopes_disabled():
        ids = sorted(set(Chore.objects.filter(active=True).values_list("residence_id", flat=True)))
    return [turn_chore_week.apply_async(args=[pk], queue=queue).id for pk in ids]


@tenant_task(name="governance.turn_chore_week", model="residences.Residence", if_gone=False)
def turn_chore_week(residence) -> bool:
    """Turn the home's chore rotation for this week (once); False when it was already turned."""
    from governance.chores import services as chore_services

    return chore_services.turn_week(residence=residence, today=home_today(residence)) is not None

"""Residents' Celery tasks: the periodic dispatcher that creates due progress reviews, one task per open stay,
and the self-care plan review reminders. Tasks take ids, enter the stay's tenant scope by name, and call
services; each is safe to run twice (one review per stay and due date; one reminder per review date)."""

from datetime import date

from celery import shared_task

from recovery.celery import tenant_task
from recovery.tenancy import organization_today, scopes_disabled
from residents.reviews import services


def _open_stay_ids() -> list[int]:
    from residences.homes.selectors import not_ended_since, stay_not_ended
    from residences.models import Stay

    # Across organizations: stays not ended by the earliest day any of them may be on; each stay's reviews stop
    # at its own move-out (`services.create_due_reviews`).
    with scopes_disabled():
        stays = Stay.objects.filter(stay_not_ended(not_ended_since()))
        return list(stays.order_by("pk").values_list("pk", flat=True))


@shared_task(name="residents.create_due_reviews_dispatch")
def create_due_reviews_dispatch(queue: str | None = None) -> list[str]:
    """Queue one due-review check per open stay, across organizations (on `queue`, when given).

    Returns the queued tasks' ids, so a caller (a test, an operator in a shell) can wait for them.
    """
    return [create_due_reviews_for_stay.apply_async(args=[stay_id], queue=queue).id for stay_id in _open_stay_ids()]


@tenant_task(
    name="residents.create_due_reviews_for_stay",
    model="residences.Stay",
    actor="residents.create_due_reviews",
    if_gone=0,
)
def create_due_reviews_for_stay(stay, on: str | None = None) -> int:
    """Create the stay's reviews due by `on` (an ISO date, or the house's today); returns how many were new."""
    day = date.fromisoformat(on) if on else organization_today()
    return len(services.create_due_reviews(stay=stay, today=day))

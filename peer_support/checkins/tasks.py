"""Peer support's Celery tasks: every few minutes a dispatcher finds each home whose check-in window opened (or
closed) today and queues one task per stay; each task enters the stay's tenant scope and sends the reminder or the
missed-check-in alert — once, because each occurrence has a unique key (CheckInReminder: kind, stay, day)."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from peer_support.checkins import services
from peer_support.checkins.models import ReminderKind
from recovery.celery import tenant_task
from recovery.tenancy import scopes_disabled


@shared_task(name="peer_support.check_in_dispatch")
def check_in_dispatch(queue: str | None = None) -> list[str]:
    """Queue the check-in reminders and missed-check-in alerts due now (on `queue`, when given).

    Returns the queued tasks' ids, so a caller (a test, an operator in a shell) can wait for them.
    """
    with scopes_disabled():
        due = services.due_occurrences(now=timezone.now())
    return [check_in_occurrence.apply_async(args=[kind, stay_id, day], queue=queue).id for kind, stay_id, day in due]


@tenant_task(
    name="peer_support.check_in_occurrence",
    model="residences.Stay",
    related=("resident__user",),
    row="stay",
    actor="peer_support.check_in",
    if_gone=False,
)
def check_in_occurrence(kind: str, stay, day: str) -> bool:
    """Send one reminder or one missed-check-in alert; True when this run sent it (False: already done)."""
    on = date.fromisoformat(day)
    if kind == ReminderKind.REMINDER:
        return services.send_reminder(stay=stay, day=on)
    return services.alert_missed(stay=stay, day=on)

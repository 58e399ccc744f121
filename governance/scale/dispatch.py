"""Background work at scale (issue 20): how long the worker's code takes for N check-in reminders, beside N tasks
that do nothing, on the scale operator. The goal: reminders cost no more than twice the no-op tasks.

Both run eagerly in this process (`Task.apply()`: the task's own code, its tenant scope and its retries, without a
broker): starting a worker on Redis and draining its queue would add the broker's round trips to both sides alike,
and a worker would commit what it sends. Here everything runs in one transaction that is rolled back, so the
reminders (for days after today, which have no check-in yet) leave no row behind; mail and push sent after a commit
are therefore not sent, on either side.
"""

import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from celery import shared_task
from django.db import transaction

from peer_support.checkins.models import ReminderKind
from peer_support.checkins.tasks import check_in_occurrence
from recovery.tenancy import organization_today, tenant_scope
from residences.homes.selectors import living_in


class NoOneToRemind(Exception):
    """The organization has nobody living in a home: there is nothing to remind."""


@shared_task(name="bench.no_op")
def no_op(kind: str, stay_id: int, day: str) -> None:
    """A task that does nothing with the reminder's arguments: the yardstick of a task's own cost."""


@dataclass
class DispatchTiming:
    tasks: int
    no_op_seconds: float
    reminder_seconds: float
    sent: int

    @property
    def ratio(self) -> float:
        return self.reminder_seconds / (self.no_op_seconds or 1e-9)

    def lines(self) -> list[str]:
        return [
            f"{self.tasks:,} no-op tasks (eager)      {self.no_op_seconds:8.2f} s",
            f"{self.tasks:,} check-in reminders (eager) {self.reminder_seconds:8.2f} s  ({self.sent:,} sent)",
            f"Reminders cost {self.ratio:.1f}x the no-op tasks (goal: at most 2x).",
        ]


def time_reminders(organization, *, tasks: int = 10_000) -> DispatchTiming:
    """Run `tasks` check-in reminders (each current stay, for as many days after today as it takes) and as many no-op
    tasks with the same arguments, eagerly, in one rolled-back transaction; raises NoOneToRemind without stays."""
    with tenant_scope(organization):
        stay_ids = sorted(set(living_in(every_home=True, on=None).values_list("stay_id", flat=True)))
        today = organization_today(organization)
    if not stay_ids:
        raise NoOneToRemind(f"{organization} has nobody living in a home: run `manage.py seed_scale` first.")
    occurrences = [
        (str(ReminderKind.REMINDER), stay_ids[n % len(stay_ids)], (today + timedelta(days=1 + n // len(stay_ids))))
        for n in range(tasks)
    ]
    arguments = [(kind, stay_id, day.isoformat()) for kind, stay_id, day in occurrences]
    trace = logging.getLogger("celery.app.trace")
    level = trace.level
    trace.setLevel(logging.WARNING)  # a line per task would time the terminal, not the task
    try:
        return _time(arguments)
    finally:
        trace.setLevel(level)


def _time(arguments: list) -> DispatchTiming:
    with transaction.atomic():
        no_op.apply(args=arguments[0])  # warm up both: the first call of each loads what it needs
        check_in_occurrence.apply(args=(arguments[0][0], arguments[0][1], "2000-01-01"))
        started = time.perf_counter()
        for args in arguments:
            no_op.apply(args=args)
        no_op_seconds = time.perf_counter() - started
        started = time.perf_counter()
        sent = sum(bool(check_in_occurrence.apply(args=args).result) for args in arguments)
        reminder_seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return DispatchTiming(len(arguments), no_op_seconds, reminder_seconds, sent)

"""Celery tasks that send webhook deliveries: one per delivery (on the deliveries queue), and a periodic dispatcher
for due retries, deliveries queued while the broker was down, and sends interrupted by a dead worker."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from recovery.celery import tenant_task
from recovery.tenancy import scopes_disabled
from recovery.webhooks import services
from recovery.webhooks.models import WebhookDelivery

logger = logging.getLogger(__name__)

# Enough for one pass of the dispatcher; the next pass (a minute later) takes the rest.
DISPATCH_BATCH = 1000


@tenant_task(
    name="webhooks.deliver",
    model="webhooks.WebhookDelivery",
    if_gone="missing",
    # Nobody reads the result; the queue is settings.CELERY_TASK_ROUTES'. Retries are the dispatcher's (the
    # delivery row carries its next attempt), so a retry hours away never waits in the broker.
    ignore_result=True,
)
def deliver(delivery) -> str:
    """Make one attempt at a due delivery (idempotent: a delivery not due, or being sent, is left alone)."""
    delivery = services.send_delivery(delivery_id=delivery.pk)
    return delivery.status if delivery is not None else "missing"


@shared_task(name="webhooks.dispatch_due_deliveries")
def dispatch_due_deliveries() -> int:
    """Queue every pending webhook delivery that is due, and every stale "sending" one, across tenants.

    Safe to run twice, or alongside the queue from `emit_event()`: an attempt claims its delivery first.
    """
    now = timezone.now()
    stale_before = now - timedelta(seconds=settings.HEARTH_WEBHOOK_TIMEOUT_SECONDS * 3 + 60)
    with scopes_disabled():
        due = list(
            WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:DISPATCH_BATCH]
        )
        due += list(
            WebhookDelivery.objects.filter(status=WebhookDelivery.Status.SENDING, sending_at__lte=stale_before)
            .order_by("sending_at")
            .values_list("pk", flat=True)[:DISPATCH_BATCH]
        )
    for delivery_id in due:
        deliver.delay(delivery_id)
    if due:
        logger.info("Queued %d due webhook deliveries.", len(due))
    return len(due)

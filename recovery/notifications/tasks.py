"""Celery tasks that send email and SMS deliveries: one per delivery, and a periodic dispatcher for due ones."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from recovery.celery import tenant_task
from recovery.notifications import services
from recovery.notifications.models import Delivery
from recovery.tenancy import scopes_disabled

logger = logging.getLogger(__name__)

# Enough for one pass of the dispatcher; the next pass (a minute later) takes the rest.
DISPATCH_BATCH = 1000


@tenant_task(
    name="notifications.deliver",
    model="notifications.Delivery",
    if_gone="missing",
    bind=True,
    max_retries=services.MAX_ATTEMPTS,
    # Nobody reads a delivery's result: not subscribing to it keeps a web request that queues one off the result
    # backend, which retried for 20 s with Redis down (issue 15, item 3). The queue is settings.CELERY_TASK_ROUTES'.
    ignore_result=True,
)
def deliver(self, delivery) -> str:
    """Send one delivery (idempotent). A failed send is retried when the delivery says it may be."""
    try:
        delivery = services.send_delivery(delivery_id=delivery.pk)
    except services.DeliveryFailed as failure:
        if failure.retry_at is None:
            raise  # given up: the delivery is marked failed
        countdown = max((failure.retry_at - timezone.now()).total_seconds(), 0)
        raise self.retry(exc=failure, countdown=countdown) from None
    return delivery.status if delivery is not None else "missing"


@shared_task(name="notifications.dispatch_due_deliveries")
def dispatch_due_deliveries() -> int:
    """Queue every pending delivery that is due (quiet hours over, or a retry's wait over), and every stale
    "sending" one (a send interrupted by a dead worker), across tenants.

    Safe to run twice, or alongside the queue from `notify()`: sending is idempotent per delivery.
    """
    now = timezone.now()
    stale_after = timedelta(seconds=settings.HEARTH_DELIVERY_SENDING_STALE_SECONDS)
    with scopes_disabled():
        due = list(
            Delivery.objects.filter(status=Delivery.Status.PENDING, deliver_after__lte=now)
            .order_by("deliver_after")
            .values_list("pk", flat=True)[:DISPATCH_BATCH]
        )
        # Sends interrupted by a dead worker: `send_delivery` settles each (unknown, or a safe resend).
        due += list(
            Delivery.objects.filter(status=Delivery.Status.SENDING, sending_at__lte=now - stale_after)
            .order_by("sending_at")
            .values_list("pk", flat=True)[:DISPATCH_BATCH]
        )
    for delivery_id in due:
        deliver.delay(delivery_id)
    if due:
        logger.info("Queued %d due notification deliveries.", len(due))
    return len(due)

"""Celery tasks that send email and SMS deliveries: one per delivery, and a periodic dispatcher for due ones."""

import logging

from celery import shared_task
from django.utils import timezone

from recovery.audit.recorder import acting_as, task_actor
from recovery.notifications import services
from recovery.notifications.models import Delivery
from recovery.tenancy import scopes_disabled, tenant_scope

logger = logging.getLogger(__name__)

# Enough for one pass of the dispatcher; the next pass (a minute later) takes the rest.
DISPATCH_BATCH = 1000


@shared_task(name="notifications.deliver", bind=True, max_retries=services.MAX_ATTEMPTS)
def deliver(self, delivery_id: int) -> str:
    """Send one delivery (idempotent). A failed send is retried when the delivery says it may be."""
    with scopes_disabled():
        delivery = Delivery.objects.select_related("organization").filter(pk=delivery_id).first()
    if delivery is None:
        return "missing"
    with tenant_scope(delivery.organization), acting_as(task_actor("notifications.deliver")):
        try:
            delivery = services.send_delivery(delivery_id=delivery_id)
        except services.DeliveryFailed as failure:
            if failure.retry_at is None:
                raise  # given up: the delivery is marked failed
            countdown = max((failure.retry_at - timezone.now()).total_seconds(), 0)
            raise self.retry(exc=failure, countdown=countdown) from None
    return delivery.status if delivery is not None else "missing"


@shared_task(name="notifications.dispatch_due_deliveries")
def dispatch_due_deliveries() -> int:
    """Queue every pending delivery that is due (quiet hours over, or a retry's wait over), across tenants.

    Safe to run twice, or alongside the queue from `notify()`: sending is idempotent per delivery.
    """
    with scopes_disabled():
        due = list(
            Delivery.objects.filter(status=Delivery.Status.PENDING, deliver_after__lte=timezone.now())
            .order_by("deliver_after")
            .values_list("pk", flat=True)[:DISPATCH_BATCH]
        )
    for delivery_id in due:
        deliver.delay(delivery_id)
    if due:
        logger.info("Queued %d due notification deliveries.", len(due))
    return len(due)

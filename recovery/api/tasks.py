"""The API's housekeeping: Idempotency-Keys are kept for IDEMPOTENCY_KEY_DAYS, then forgotten."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from recovery.api.models import IdempotentRequest
from recovery.tenancy import scopes_disabled

# A client retries within minutes or hours; a week covers a retry after a long outage on either side.
IDEMPOTENCY_KEY_DAYS = 7


@shared_task(name="api.forget_old_idempotency_keys")
def forget_old_idempotency_keys() -> int:
    """Delete the kept answers of Idempotency-Keys older than IDEMPOTENCY_KEY_DAYS (7) days, in every organization;
    returns how many. A key sent again after that is a new request. Safe to run twice. The rows are not resident
    data (a key, a fingerprint, the answer's ids), so their removal is not written to the audit log."""
    cutoff = timezone.now() - timedelta(days=IDEMPOTENCY_KEY_DAYS)
    with scopes_disabled():
        deleted, _ = IdempotentRequest._base_manager.filter(created_at__lt=cutoff).delete()
    return deleted

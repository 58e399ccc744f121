"""Webhook endpoints an organization registers, and each event's delivery to each endpoint (the outbox).

A delivery row is written in the same transaction as the change it announces, so a change that rolls back
announces nothing, and a committed one is sent even when the broker was down at the time (the dispatcher
catches up). Payloads carry ids only: see `events.py`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recovery.sealing import SealedCharField
from recovery.tenancy import TenantModel


class WebhookEndpoint(TenantModel):
    """Where an organization wants to hear of events: a URL, the events it subscribes to, and its signing secret.

    The secret signs every delivery (Standard Webhooks). It is shown once, when the endpoint is added or its
    secret rotated, and never again; after a rotation the previous secret also signs until
    `previous_secret_expires_at`, so the receiver can switch without losing a delivery. Both are sealed in the
    database and open on the instance.
    """

    url = models.URLField("address (URL)", max_length=500)
    description = models.CharField(max_length=200, blank=True, help_text=_("What receives these, e.g. “Billing”."))
    events = models.JSONField(default=list, help_text=_("The event kinds subscribed to (recovery/webhooks/events.py)."))
    # Sealed at rest (recovery/sealing.py): a copy of the database must not let its holder sign deliveries.
    secret = SealedCharField(max_length=400)
    previous_secret = SealedCharField(max_length=400, blank=True)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    disabled_reason = models.CharField(max_length=200, blank=True)
    # Deliveries given up in a row (each after all its attempts); one success resets it.
    consecutive_failures = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_active=True) | ~models.Q(disabled_reason=""),
                name="disabled_webhook_endpoint_says_why",
            ),
        ]

    def __str__(self):
        return f"Webhook endpoint #{self.pk}"

    def secrets_in_use(self, *, now=None) -> list[str]:
        """The secrets that sign a delivery now: the current one, and the previous one during its grace period."""
        now = now or timezone.now()
        in_use = [self.secret]
        if self.previous_secret and self.previous_secret_expires_at and self.previous_secret_expires_at > now:
            in_use.append(self.previous_secret)
        return in_use


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    # Committed just before the request goes out; a row left here means a worker died mid-send. The dispatcher
    # sends it again after a while: receivers deduplicate by the webhook-id header, as the spec asks them to.
    SENDING = "sending", _("Sending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class WebhookDelivery(TenantModel):
    """One event for one endpoint: its payload as sent, and how its attempts went.

    pending -> sending -> delivered; or back to pending with a later `next_attempt_at` after a failed attempt,
    and failed after the last attempt (or when its endpoint was turned off).
    """

    Status = DeliveryStatus

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    # The event's id: the webhook-id header, the same on every attempt and for every endpoint of the event.
    event_id = models.UUIDField(default=uuid.uuid4)
    kind = models.CharField(max_length=40)
    object_type = models.CharField(max_length=40, blank=True, help_text=_("The API resource, e.g. “stays”."))
    object_id = models.CharField(max_length=40, blank=True)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sending_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("The last HTTP status."))
    response_body = models.CharField(max_length=500, blank=True, help_text=_("The start of the last answer."))
    error = models.CharField(max_length=60, blank=True, help_text=_("Why the last attempt got no answer."))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "webhook deliveries"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "endpoint", "event_id"], name="one_webhook_delivery_per_event_and_endpoint"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DeliveryStatus.values), name="webhook_delivery_status_is_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=DeliveryStatus.DELIVERED) | models.Q(delivered_at__isnull=False),
                name="delivered_webhook_has_delivered_at",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=DeliveryStatus.SENDING) | models.Q(sending_at__isnull=False),
                name="sending_webhook_has_sending_at",
            ),
        ]
        indexes = [
            # The dispatcher's question, across tenants: which pending deliveries are due?
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status=DeliveryStatus.PENDING),
                name="webhook_delivery_due_idx",
            ),
            models.Index(fields=["organization", "endpoint", "-created_at"], name="webhook_delivery_log_idx"),
        ]

    def __str__(self):
        return f"{self.kind} delivery #{self.pk}"

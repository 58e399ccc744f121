"""The notification centre's records: in-app notifications, each person's preferences, and external deliveries."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel

PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-]+$")


def validate_phone_number(value: str) -> None:
    """Loose on purpose: people type numbers many ways; the SMS provider has the last word."""
    digits = sum(character.isdigit() for character in value)
    if not PHONE_CHARACTERS.match(value) or not 7 <= digits <= 20:
        raise ValidationError(
            "Enter a phone number of 7 to 20 digits, for example +1 555 010 0199. "
            "Spaces, dashes, brackets and a leading + are fine.",
            code="invalid_phone_number",
        )


def is_in_app_path(url: str) -> bool:
    """A path on this site ("/residents/5/"), never another site ("//evil.example", "/\\evil.example")."""
    return url.startswith("/") and not url.startswith(("//", "/\\"))


class Notification(TenantModel):
    """A message for one person, read in the notification centre behind sign-in.

    Title and body may be specific because only the recipient reads them, signed in; email and SMS carry
    only a generic nudge (see `services.notify`).
    """

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=60, help_text='What it is about, for filtering, e.g. "check_in.reminder".')
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True, help_text='An in-app path, e.g. "/residents/5/".')
    urgent = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["organization", "recipient", "read_at"], name="notification_inbox_idx"),
        ]

    def __str__(self):
        # No title: this string shows in the admin and in logs, where the content does not belong.
        return f"{self.kind} #{self.pk}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(TenantModel):
    """How one person in one organization wants to be nudged outside the app, and when not to be."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    email_enabled = models.BooleanField(_("email me when I have a new message"), default=True)
    sms_enabled = models.BooleanField(_("text me (SMS) when I have a new message"), default=False)
    phone_number = models.CharField(
        "mobile phone number", max_length=30, blank=True, validators=[validate_phone_number]
    )
    # Wall-clock times in the organization's time zone; start after end means the window wraps midnight.
    quiet_hours_start = models.TimeField(_("quiet hours start"), null=True, blank=True)
    quiet_hours_end = models.TimeField(_("quiet hours end"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="one_notification_preference_per_person"),
            models.CheckConstraint(
                condition=models.Q(sms_enabled=False) | ~models.Q(phone_number=""),
                name="sms_needs_a_phone_number",
            ),
            models.CheckConstraint(
                condition=models.Q(quiet_hours_start__isnull=True, quiet_hours_end__isnull=True)
                | models.Q(quiet_hours_start__isnull=False, quiet_hours_end__isnull=False),
                name="quiet_hours_start_and_end_together",
            ),
        ]

    def __str__(self):
        return f"Notification preferences #{self.pk}"

    def clean(self):
        errors = {}
        if self.sms_enabled and not self.phone_number:
            errors["phone_number"] = "Add a mobile phone number to get text messages, or turn text messages off."
        if (self.quiet_hours_start is None) != (self.quiet_hours_end is None):
            missing = "quiet_hours_end" if self.quiet_hours_end is None else "quiet_hours_start"
            errors[missing] = "Quiet hours need both a start and an end time. Fill in both, or clear both."
        elif self.quiet_hours_start is not None and self.quiet_hours_start == self.quiet_hours_end:
            errors["quiet_hours_end"] = "Quiet hours must end at a different time than they start."
        if errors:
            raise ValidationError(errors)

    @property
    def has_quiet_hours(self) -> bool:
        return (
            self.quiet_hours_start is not None
            and self.quiet_hours_end is not None
            and self.quiet_hours_start != self.quiet_hours_end
        )


class PushSubscription(TenantModel):
    """One browser on one device that agreed to Web Push for this person (the push service's endpoint and keys).

    Its existence is the opt-in: a person turns push on by subscribing a device and off by unsubscribing it; a
    push service that answers "gone" removes it. The endpoint is a capability URL, so it is never logged.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions")
    endpoint = models.URLField(max_length=1000)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "endpoint"], name="one_push_subscription_per_device"),
        ]

    def __str__(self):
        return f"Push subscription #{self.pk}"


class DeliveryChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    PUSH = "push", _("Push notification")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    # Committed just before the message is handed to the provider; a row left here means a worker died (or the
    # database blinked) mid-send, and nobody knows whether the provider took it. See `services.send_delivery`.
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")
    # Maybe sent, maybe not: never resent on its own, so a person never gets it twice. Check the provider's log.
    UNKNOWN = "unknown", _("Unknown: check the provider's log")


class Delivery(TenantModel):
    """One notification sent over one external channel. At most one per channel: the idempotency key.

    Its life: pending -> sending (committed before the provider is called) -> sent; or back to pending with a
    later `deliver_after` when the provider refused it, failed after MAX_ATTEMPTS, skipped when no longer
    wanted, and unknown when a send was interrupted and the channel cannot be safely retried.
    """

    Channel = DeliveryChannel
    Status = DeliveryStatus

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    deliver_after = models.DateTimeField(default=timezone.now)
    sending_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the latest attempt was handed to the provider (committed before).")
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name_plural = "deliveries"
        ordering = ["deliver_after", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "notification", "channel"], name="one_delivery_per_notification_and_channel"
            ),
            models.CheckConstraint(
                condition=models.Q(channel__in=DeliveryChannel.values), name="delivery_channel_is_known"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DeliveryStatus.values), name="delivery_status_is_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=DeliveryStatus.SENT) | models.Q(sent_at__isnull=False),
                name="sent_delivery_has_sent_at",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=DeliveryStatus.SENDING) | models.Q(sending_at__isnull=False),
                name="sending_delivery_has_sending_at",
            ),
        ]
        indexes = [
            # The dispatcher's question, across tenants: which pending deliveries are due?
            models.Index(
                fields=["deliver_after"],
                condition=models.Q(status=DeliveryStatus.PENDING),
                name="delivery_pending_due_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} delivery #{self.pk}"

"""The notification centre's verbs: notify a person, send a delivery, mark read, change preferences.

Every feature sends through `notify()`. Email and SMS carry only a fixed, generic sentence and a link: a
phone's lock screen is not private, so the specifics stay in the app, behind sign-in.
"""

import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from recovery.errors import DomainError
from recovery.models import Membership
from recovery.notifications import sms
from recovery.notifications.models import Delivery, Notification, NotificationPreference, is_in_app_path
from recovery.notifications.selectors import current_preference
from recovery.tenancy import ScopeError, current_organization

logger = logging.getLogger(__name__)

GENERIC_TEXT = "You have a new message in Hearth."
MAX_ATTEMPTS = 5


class RecipientNotAMember(DomainError):
    pass


class NotYourNotification(DomainError):
    pass


class DeliveryFailed(Exception):
    """Sending failed. `retry_at` says when to try again, or is None when the delivery has been given up.

    Carries no detail of the underlying error beyond its type: provider errors often quote the address.
    """

    def __init__(self, message: str, *, retry_at: datetime | None):
        super().__init__(message)
        self.retry_at = retry_at


def inbox_link() -> str:
    base_url = getattr(settings, "HEARTH_BASE_URL", "http://127.0.0.1:8000")
    return base_url.rstrip("/") + reverse("notifications:inbox")


def email_subject() -> str:
    return getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "") + "You have a new message in Hearth"


def email_body() -> str:
    return f"{GENERIC_TEXT} Sign in to read it: {inbox_link()}\n"


def sms_text() -> str:
    return f"{GENERIC_TEXT} {inbox_link()}"


def end_of_quiet_hours(*, start: time, end: time, now: datetime, time_zone) -> datetime | None:
    """When the quiet hours that `now` falls in end, or None when `now` is outside them.

    `start` and `end` are wall-clock times in `time_zone`; a window whose start is after its end wraps
    midnight (22:00 to 07:00). At the end time itself the window is already over.
    """
    local = timezone.localtime(now, time_zone)
    clock, today = local.time(), local.date()
    if start < end:
        if not start <= clock < end:
            return None
        end_day = today
    elif clock >= start:
        end_day = today + timedelta(days=1)
    elif clock < end:
        end_day = today
    else:
        return None
    return datetime.combine(end_day, end, tzinfo=time_zone)


def is_in_quiet_hours(user, *, now: datetime | None = None) -> bool:
    """Whether `now` falls in this person's quiet hours in the organization in scope (their preference, in its
    time zone). No quiet hours set: never. One query."""
    preference = current_preference(user)
    if not preference.has_quiet_hours:
        return False
    quiet_until = end_of_quiet_hours(
        start=preference.quiet_hours_start,
        end=preference.quiet_hours_end,
        now=now or timezone.now(),
        time_zone=current_organization().time_zone,
    )
    return quiet_until is not None


def _deliver_after(preference: NotificationPreference, *, urgent: bool, now: datetime, time_zone) -> datetime:
    if urgent or not preference.has_quiet_hours:
        return now
    quiet_until = end_of_quiet_hours(
        start=preference.quiet_hours_start, end=preference.quiet_hours_end, now=now, time_zone=time_zone
    )
    return quiet_until or now


def _enqueue(delivery_id: int) -> None:
    """Queue the delivery's task; a broker that is down or frozen is logged, not raised (issue 15, item 3).

    The delivery is already committed as pending and due, so `dispatch_due_deliveries` queues it within a minute
    of the broker's return; the person's request must not wait for, or fail with, the broker. The publish gives up
    after the broker's timeouts (settings: REDIS_TIMEOUT), and the task's result is never subscribed to.
    """
    from kombu.exceptions import OperationalError as BrokerError

    from recovery.notifications.tasks import (
        deliver,  # tasks import this module; importing here keeps the cycle out of import time
    )

    try:
        deliver.delay(delivery_id)
    except (BrokerError, OSError) as error:
        logger.warning(
            "Could not queue delivery %s (%s); the dispatcher will send it.", delivery_id, type(error).__name__
        )


def _enqueue_on_commit(delivery_id: int) -> None:
    """Queue the delivery once the caller's transaction commits. A named function, not a `functools.partial`:
    Django's robust on_commit logs a failing callback by its `__qualname__`, which a partial lacks."""

    def enqueue_delivery() -> None:
        _enqueue(delivery_id)

    transaction.on_commit(enqueue_delivery, robust=True)


def _is_active_member(user) -> bool:
    return user.is_active and Membership.objects.filter(user=user, is_active=True).exists()


@transaction.atomic
def notify(
    *, recipient, kind: str, title: str, body: str = "", url: str = "", urgent: bool = False, now=None
) -> Notification:
    """Notify an active member of the current organization: always in the app; by email and SMS as they chose.

    External deliveries wait for the end of the person's quiet hours (in the organization's time zone) unless
    `urgent`. Due ones are queued when the transaction commits; deferred ones by `dispatch_due_deliveries`.
    """
    organization = current_organization()
    if organization is None:
        raise ScopeError("notify() needs an active tenant scope: `with tenant_scope(organization):`.")
    if url and not is_in_app_path(url):
        raise ValueError('A notification links to a path on this site, such as "/residents/5/".')
    if not _is_active_member(recipient):
        raise RecipientNotAMember(
            "This person is not an active member of this organization, so Hearth cannot notify them here."
        )
    now = now or timezone.now()
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, title=title, body=body, url=url, urgent=urgent, created_at=now
    )

    preference = current_preference(recipient)
    channels = []
    if preference.email_enabled and recipient.email:
        channels.append(Delivery.Channel.EMAIL)
    if preference.sms_enabled and preference.phone_number:
        channels.append(Delivery.Channel.SMS)
    deliver_after = _deliver_after(preference, urgent=urgent, now=now, time_zone=organization.time_zone)
    for channel in channels:
        delivery = Delivery.objects.create(notification=notification, channel=channel, deliver_after=deliver_after)
        if deliver_after <= now:
            # A broker that is down must not fail the caller's request; the dispatcher catches up.
            _enqueue_on_commit(delivery.pk)
    return notification


def _still_wanted(delivery: Delivery, *, recipient, preference: NotificationPreference) -> bool:
    """Preferences and memberships change between queuing and sending; the latest word wins."""
    if not _is_active_member(recipient):
        return False
    if delivery.channel == Delivery.Channel.EMAIL:
        return preference.email_enabled and bool(recipient.email)
    return preference.sms_enabled and bool(preference.phone_number)


def _send(delivery: Delivery, *, recipient, preference: NotificationPreference) -> None:
    if delivery.channel == Delivery.Channel.EMAIL:
        send_mail(subject=email_subject(), message=email_body(), from_email=None, recipient_list=[recipient.email])
    else:
        sms.send_sms(to=preference.phone_number, text=sms_text())


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8 minutes… capped at an hour."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


def send_delivery(*, delivery_id: int, now=None) -> Delivery | None:
    """Send one pending, due delivery, at most once; safe to call any number of times, concurrently too.

    Skips it when the person has since turned the channel off or left the organization. On failure counts
    the attempt, moves `deliver_after` back by a growing delay (so the dispatcher does not hammer a provider)
    and raises DeliveryFailed; after MAX_ATTEMPTS the delivery is marked failed.
    """
    now = now or timezone.now()
    error = retry_at = None
    # The row stays locked while the message goes out, so a second worker waits and then finds it sent.
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("notification__recipient")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status != Delivery.Status.PENDING or delivery.deliver_after > now:
            return delivery  # gone, done, or not due yet (quiet hours): nothing to do now
        recipient = delivery.notification.recipient
        preference = current_preference(recipient)
        if not _still_wanted(delivery, recipient=recipient, preference=preference):
            delivery.status = Delivery.Status.SKIPPED
            delivery.save(update_fields=["status"])
            return delivery
        delivery.attempts += 1
        try:
            _send(delivery, recipient=recipient, preference=preference)
        except Exception as exc:  # any provider trouble: count it, keep the row consistent, raise below
            error = exc
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.status = Delivery.Status.FAILED
            else:
                retry_at = delivery.deliver_after = now + retry_delay(delivery.attempts)
            delivery.save(update_fields=["attempts", "status", "deliver_after"])
        else:
            delivery.status, delivery.sent_at = Delivery.Status.SENT, now
            delivery.save(update_fields=["attempts", "status", "sent_at"])
    if error is not None:
        # Raised outside the block so the attempt is committed; `from None` keeps addresses out of the logs.
        raise DeliveryFailed(
            f"Delivery {delivery_id} failed on attempt {delivery.attempts} ({type(error).__name__}).",
            retry_at=retry_at,
        ) from None
    return delivery


def mark_read(*, notification: Notification, user) -> Notification:
    """Only the recipient reads a notification; reading it again changes nothing."""
    if notification.recipient_id != user.pk:
        raise NotYourNotification("This notification is for someone else.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, user) -> int:
    """Mark every unread notification of this person in the current organization read; returns how many."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def preference_for(user) -> NotificationPreference:
    """This person's preferences in the current organization, created with the defaults if need be."""
    preference, _ = NotificationPreference.objects.get_or_create(user=user)
    return preference


@transaction.atomic
def update_preferences(
    *, user, email_enabled: bool, sms_enabled: bool, phone_number: str, quiet_hours_start, quiet_hours_end
) -> NotificationPreference:
    """Save how this person wants to be nudged. Text messages need a phone number; quiet hours need both ends."""
    preference = NotificationPreference.objects.select_for_update().get(pk=preference_for(user).pk)
    preference.email_enabled = email_enabled
    preference.sms_enabled = sms_enabled
    preference.phone_number = phone_number.strip()
    preference.quiet_hours_start = quiet_hours_start
    preference.quiet_hours_end = quiet_hours_end
    preference.full_clean()
    preference.save()
    return preference

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
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from recovery.errors import DomainError
from recovery.languages import person_language
from recovery.models import Membership
from recovery.notifications import push, sms
from recovery.notifications.models import (
    Delivery,
    Notification,
    NotificationPreference,
    PushSubscription,
    is_in_app_path,
)
from recovery.notifications.selectors import current_preference
from recovery.tenancy import ScopeError, current_organization

logger = logging.getLogger(__name__)

GENERIC_TEXT = _("You have a new message in Hearth.")
MAX_ATTEMPTS = 5


class RecipientNotAMember(DomainError):
    pass


class NotYourNotification(DomainError):
    pass


class InvalidPushSubscription(DomainError):
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
    return getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "") + gettext("You have a new message in Hearth")


def email_body() -> str:
    return gettext("%(text)s Sign in to read it: %(link)s") % {"text": GENERIC_TEXT, "link": inbox_link()} + "\n"


def sms_text() -> str:
    return f"{GENERIC_TEXT} {inbox_link()}"


def push_payload() -> dict:
    """What a push shows on the lock screen: the generic nudge, and the inbox to open when it is tapped."""
    return {"title": "Hearth", "body": str(GENERIC_TEXT), "url": reverse("notifications:inbox")}


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
    if PushSubscription.objects.filter(user=recipient).exists():
        channels.append(Delivery.Channel.PUSH)
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
    if delivery.channel == Delivery.Channel.PUSH:
        return PushSubscription.objects.filter(user=recipient).exists()
    return preference.sms_enabled and bool(preference.phone_number)


def _send(delivery: Delivery, *, recipient, preference: NotificationPreference) -> None:
    """Send one delivery in the recipient's own language (their saved choice; English when they never chose)."""
    with translation.override(person_language(recipient)):
        if delivery.channel == Delivery.Channel.EMAIL:
            send_mail(subject=email_subject(), message=email_body(), from_email=None, recipient_list=[recipient.email])
        elif delivery.channel == Delivery.Channel.PUSH:
            _send_push(recipient)
        else:
            sms.send_sms(to=preference.phone_number, text=sms_text(), key=f"hearth-delivery-{delivery.pk}")


def _send_push(recipient) -> None:
    """Push to every device the person subscribed; a device the push service has forgotten is unsubscribed.
    Raises the first other failure after trying every device, so the delivery is retried (at most once per
    device in effect: a push is a nudge, and a second one says nothing new)."""
    backend, failure = push.get_backend(), None
    for subscription in PushSubscription.objects.filter(user=recipient):
        try:
            backend.send(subscription=subscription, payload=push_payload())
        except push.PushGone:
            subscription.delete()
        except Exception as error:
            failure = failure or error
    if failure is not None:
        raise failure


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8 minutes… capped at an hour."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


def resends_safely(channel: str) -> bool:
    """Whether an interrupted send over `channel` may be repeated without a second message reaching the person.

    The guarantee per channel: in-app, exactly once in the database (the Notification row commits with the
    occurrence's key); email, at most once (SMTP has no idempotency key, so an interrupted send is never
    repeated); SMS, exactly once in effect when the backend passes an idempotency key to its provider
    (`sms.BaseSMSBackend.idempotent`), else at most once, as email.
    """
    return channel == Delivery.Channel.SMS and sms.is_idempotent()


def sending_is_stale(delivery: Delivery, *, now: datetime) -> bool:
    """A "sending" row older than HEARTH_DELIVERY_SENDING_STALE_SECONDS: its worker died or lost the database."""
    stale_after = timedelta(seconds=getattr(settings, "HEARTH_DELIVERY_SENDING_STALE_SECONDS", 15 * 60))
    return delivery.sending_at is not None and delivery.sending_at <= now - stale_after


def _claim_for_sending(delivery_id: int, *, now: datetime) -> tuple[Delivery | None, bool]:
    """Lock the delivery and decide, in one short transaction: (the delivery, whether to send it now).

    A pending, due, still wanted delivery is marked "sending" (with the time) and committed before any network
    I/O. A stale "sending" one is marked "unknown" unless its channel resends safely (`resends_safely`).
    """
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("notification__recipient")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return None, False
        if delivery.status == Delivery.Status.SENDING:
            if not sending_is_stale(delivery, now=now):
                return delivery, False  # another worker is sending it right now
            if not resends_safely(delivery.channel):
                delivery.status = Delivery.Status.UNKNOWN
                delivery.save(update_fields=["status"])
                return delivery, False
        elif delivery.status != Delivery.Status.PENDING or delivery.deliver_after > now:
            return delivery, False  # done, given up, or not due yet (quiet hours)
        recipient = delivery.notification.recipient
        preference = current_preference(recipient)
        if not _still_wanted(delivery, recipient=recipient, preference=preference):
            delivery.status = Delivery.Status.SKIPPED
            delivery.save(update_fields=["status"])
            return delivery, False
        delivery.status, delivery.sending_at = Delivery.Status.SENDING, now
        delivery.attempts += 1
        delivery.save(update_fields=["status", "sending_at", "attempts"])
    return delivery, True


def send_delivery(*, delivery_id: int, now=None) -> Delivery | None:
    """Send one due delivery toward its provider at most once; safe to call any number of times, concurrently too.

    `now` is an aware datetime (default: the current time). Returns the delivery (None when it is gone).

    The "sending" state commits before the provider is called, outside any transaction (a slow provider holds
    no row lock); "sent" commits after. A worker that dies in between leaves "sending": a later call finds it
    stale and marks it "unknown" rather than sending again, except on a channel that resends safely (see
    `resends_safely` for each channel's guarantee). Skips it when the person has since turned the channel off
    or left the organization. When the provider refuses it the attempt counts, `deliver_after` moves back by a
    growing delay and DeliveryFailed is raised (after MAX_ATTEMPTS the delivery is marked failed); a timeout
    (the provider may have taken it) marks it "unknown" unless the channel resends safely.
    """
    now = now or timezone.now()
    delivery, send_now = _claim_for_sending(delivery_id, now=now)
    if not send_now:
        return delivery
    recipient = delivery.notification.recipient
    try:
        _send(delivery, recipient=recipient, preference=current_preference(recipient))
    except Exception as exc:  # any provider trouble: count it, keep the row consistent, raise below
        retry_at = None
        if isinstance(exc, TimeoutError) and not resends_safely(delivery.channel):
            delivery.status = Delivery.Status.UNKNOWN  # it may have gone out: never twice
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = Delivery.Status.FAILED
        else:
            delivery.status = Delivery.Status.PENDING
            retry_at = delivery.deliver_after = now + retry_delay(delivery.attempts)
        delivery.save(update_fields=["status", "deliver_after"])
        # `from None` keeps addresses (often quoted in provider errors) out of the logs.
        raise DeliveryFailed(
            f"Delivery {delivery_id} failed on attempt {delivery.attempts} ({type(exc).__name__}).",
            retry_at=retry_at,
        ) from None
    delivery.status, delivery.sent_at = Delivery.Status.SENT, now
    delivery.save(update_fields=["status", "sent_at"])
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


@transaction.atomic
def subscribe_push(*, user, endpoint: str, p256dh: str, auth: str) -> PushSubscription:
    """Turn push on for this person on one device (the browser's subscription); subscribing again refreshes its
    keys. Raises InvalidPushSubscription for an endpoint that is not an https URL or keys that are missing."""
    if not endpoint.startswith("https://") or not p256dh or not auth:
        raise InvalidPushSubscription("This browser's push subscription is incomplete. Try turning it on again.")
    subscription, _ = PushSubscription.objects.update_or_create(
        endpoint=endpoint, defaults={"user": user, "p256dh": p256dh, "auth": auth}
    )
    return subscription


def unsubscribe_push(*, user, endpoint: str) -> int:
    """Turn push off for this person on one device; returns how many subscriptions were removed (0 or 1)."""
    deleted, _ = PushSubscription.objects.filter(user=user, endpoint=endpoint).delete()
    return deleted

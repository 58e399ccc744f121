"""The webhooks' verbs: emit an event (from the services that make the change), send a delivery, and look after
endpoints (add, edit, turn off and on, rotate the secret, send a test event).

Delivery is at least once: a receiver deduplicates by the webhook-id header (the event's id, the same on every
attempt). A failed attempt is tried again after a growing delay (RETRY_DELAYS: 8 attempts over about a day); an
endpoint whose deliveries fail for good HEARTH_WEBHOOK_DISABLE_AFTER times in a row is turned off and the
organization's administrators are told.
"""

import json
import logging
import re
import uuid
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from recovery.errors import DomainError
from recovery.models import Membership, Role
from recovery.notifications.services import notify
from recovery.tenancy import ScopeError, current_organization
from recovery.webhooks import events, signing, transport
from recovery.webhooks.models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

# The wait after attempt n (1-based) before attempt n + 1: 1 and 5 minutes, half an hour, 2, 5 and 8 hours, and
# 8 hours again; the 8th attempt comes about 24 hours after the first, and is the last.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=8),
    timedelta(hours=8),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# After a rotation the previous secret keeps signing this long, beside the new one.
ROTATION_GRACE = timedelta(hours=24)
DISABLED_KIND = "webhooks.endpoint_disabled"
RESPONSE_BODY_LENGTH = WebhookDelivery._meta.get_field("response_body").max_length
_SECRET_LOOKING = re.compile(r"whsec_[A-Za-z0-9+/=]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class WebhookProblem(DomainError):
    pass


def retry_delay(attempts: int) -> timedelta:
    """The wait before the next attempt, after `attempts` attempts (1 or more) have failed."""
    return RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]


def _enqueue_on_commit(delivery_id: int) -> None:
    """Queue the delivery's task once the caller's transaction commits. A broker that is down is logged, not
    raised: the delivery is committed as pending and due, so the dispatcher sends it within a minute."""

    def enqueue_webhook_delivery() -> None:
        from kombu.exceptions import OperationalError as BrokerError

        from recovery.webhooks.tasks import (
            deliver,  # tasks import this module; importing here keeps the cycle out of import time
        )

        try:
            deliver.delay(delivery_id)
        except (BrokerError, OSError) as error:
            logger.warning(
                "Could not queue webhook delivery %s (%s); the dispatcher will send it.",
                delivery_id,
                type(error).__name__,
            )

    transaction.on_commit(enqueue_webhook_delivery, robust=True)


def _payload(*, event_id, kind: str, organization, now: datetime, data: dict) -> dict:
    return {
        "id": str(event_id),
        "type": kind,
        "timestamp": now.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "organization": organization.pk,
        "data": data,
    }


def _object_data(kind: str, object_id) -> dict:
    base_url = getattr(settings, "HEARTH_BASE_URL", "").rstrip("/")
    return {
        "object": events.EVENTS[kind].resource,
        "id": object_id,
        "url": base_url + events.api_path(kind, object_id),
    }


def emit_event(*, kind: str, object_id: int, now: datetime | None = None) -> list[WebhookDelivery]:
    """Announce an event of `kind` (one of `events.EVENTS`) about the object with id `object_id` to every active
    endpoint of the organization in scope that subscribes to it; returns the deliveries written (often none).

    Call it inside the transaction of the change it announces: the deliveries are written in it (the outbox) and
    queued only when it commits, so a change that rolls back sends nothing. `now` is an aware datetime (the
    event's time, default the current one). Raises ScopeError outside a tenant scope, KeyError for an unknown kind.
    """
    organization = current_organization()
    if organization is None:
        raise ScopeError("emit_event() needs an active tenant scope: `with tenant_scope(organization):`.")
    data = _object_data(kind, object_id)
    endpoints = [endpoint for endpoint in WebhookEndpoint.objects.filter(is_active=True) if kind in endpoint.events]
    if not endpoints:
        return []
    now = now or timezone.now()
    deliveries = []
    with transaction.atomic():
        event_id = uuid.uuid4()
        payload = _payload(event_id=event_id, kind=kind, organization=organization, now=now, data=data)
        for endpoint in endpoints:
            delivery = WebhookDelivery.objects.create(
                endpoint=endpoint,
                event_id=event_id,
                kind=kind,
                object_type=data["object"],
                object_id=str(object_id),
                payload=payload,
                next_attempt_at=now,
                created_at=now,
            )
            _enqueue_on_commit(delivery.pk)
            deliveries.append(delivery)
    return deliveries


# --- Sending ------------------------------------------------------------------------------------------------------


def body_of(delivery: WebhookDelivery) -> bytes:
    """The exact bytes sent (and signed): the payload as compact JSON with sorted keys."""
    return json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()


def _scrubbed(text: str, *, endpoint: WebhookEndpoint) -> str:
    """The start of a receiver's answer, safe to keep and show: no control characters, and no echo of the
    endpoint's secrets (a receiver that prints what it got back must not put a secret on the log page)."""
    for secret in filter(None, (endpoint.secret, endpoint.previous_secret)):
        text = text.replace(secret, "[secret]").replace(secret.removeprefix(signing.SECRET_PREFIX), "[secret]")
    text = _SECRET_LOOKING.sub("[secret]", text)
    return _CONTROL.sub("", text)[:RESPONSE_BODY_LENGTH]


def sending_is_stale(delivery: WebhookDelivery, *, now: datetime) -> bool:
    """A "sending" row older than a few request timeouts: its worker died or lost the database mid-send."""
    stale_after = timedelta(seconds=settings.HEARTH_WEBHOOK_TIMEOUT_SECONDS * 3 + 60)
    return delivery.sending_at is not None and delivery.sending_at <= now - stale_after


def _claim_for_sending(delivery_id: int, *, now: datetime) -> tuple[WebhookDelivery | None, bool]:
    """Lock the delivery and decide in one short transaction: (the delivery, whether to send it now).

    A pending, due delivery of an active endpoint is marked "sending" and committed before any network I/O, so
    two workers never send it at once; a stale "sending" one is sent again (receivers deduplicate by id).
    """
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(of=("self",))
            .select_related("endpoint")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return None, False
        if delivery.status == WebhookDelivery.Status.SENDING:
            if not sending_is_stale(delivery, now=now):
                return delivery, False  # another worker is sending it right now
        elif delivery.status != WebhookDelivery.Status.PENDING or delivery.next_attempt_at > now:
            return delivery, False  # delivered, given up, or its retry is not due yet
        if not delivery.endpoint.is_active:
            delivery.status, delivery.error = WebhookDelivery.Status.FAILED, "endpoint turned off"
            delivery.save(update_fields=["status", "error"])
            return delivery, False
        delivery.status, delivery.sending_at = WebhookDelivery.Status.SENDING, now
        delivery.attempts += 1
        delivery.save(update_fields=["status", "sending_at", "attempts"])
    return delivery, True


def send_delivery(*, delivery_id: int, now: datetime | None = None) -> WebhookDelivery | None:
    """Make one attempt at a due delivery; safe to call any number of times, concurrently too. Returns the delivery
    (None when it is gone). `now` is an aware datetime (default: the current time).

    The request is signed with the endpoint's secrets in use, waits at most HEARTH_WEBHOOK_TIMEOUT_SECONDS to
    connect and for each read, and follows no redirect. A 2xx answer delivers it. Anything else counts as a failed
    attempt: the next one is due after `retry_delay()`, and after MAX_ATTEMPTS the delivery fails for good, which
    counts against its endpoint (see `_count_failure`). The answer's status and start are kept, scrubbed.
    """
    now = now or timezone.now()
    delivery, send_now = _claim_for_sending(delivery_id, now=now)
    if not send_now:
        return delivery
    endpoint = delivery.endpoint
    body = body_of(delivery)
    headers = signing.headers(
        secrets_in_use=endpoint.secrets_in_use(now=now),
        message_id=str(delivery.event_id),
        timestamp=int(now.timestamp()),
        body=body,
    )
    try:
        answer = transport.post(
            endpoint.url, body=body, headers=headers, timeout=settings.HEARTH_WEBHOOK_TIMEOUT_SECONDS
        )
    except transport.RefusedURL:
        answer = transport.Answer(status=None, error="refused address")
    with transaction.atomic():
        delivery.last_attempt_at = now
        delivery.response_status = answer.status
        delivery.response_body = _scrubbed(answer.body, endpoint=endpoint)
        delivery.error = answer.error[:60] if not answer.succeeded and answer.status is None else ""
        if answer.succeeded:
            delivery.status, delivery.delivered_at = WebhookDelivery.Status.DELIVERED, now
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = WebhookDelivery.Status.FAILED
        else:
            delivery.status = WebhookDelivery.Status.PENDING
            delivery.next_attempt_at = now + retry_delay(delivery.attempts)
        delivery.save()
        if answer.succeeded:
            _count_success(endpoint)
        elif delivery.status == WebhookDelivery.Status.FAILED:
            _count_failure(endpoint)
    return delivery


def _count_success(endpoint: WebhookEndpoint) -> None:
    if endpoint.consecutive_failures:
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(consecutive_failures=0)


def _count_failure(endpoint: WebhookEndpoint) -> None:
    """One more delivery given up in a row; at HEARTH_WEBHOOK_DISABLE_AFTER the endpoint is turned off and every
    active administrator is told (in the app; the notice names no URL)."""
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    endpoint.consecutive_failures += 1
    endpoint.save(update_fields=["consecutive_failures"])
    if not endpoint.is_active or endpoint.consecutive_failures < settings.HEARTH_WEBHOOK_DISABLE_AFTER:
        return
    endpoint.is_active = False
    endpoint.disabled_reason = (
        f"Turned off by Hearth after {endpoint.consecutive_failures} deliveries in a row failed every attempt."
    )
    endpoint.save(update_fields=["is_active", "disabled_reason"])
    admins = Membership.objects.filter(role=Role.ADMIN, is_active=True, user__is_active=True).select_related("user")
    for membership in admins:
        notify(
            recipient=membership.user,
            kind=DISABLED_KIND,
            title="A webhook endpoint was turned off",
            body="Its deliveries kept failing. Check the receiver, then turn the endpoint back on.",
            url=reverse("webhooks:endpoint_detail", kwargs={"pk": endpoint.pk}),
        )


# --- Endpoints ----------------------------------------------------------------------------------------------------


def _checked_events(kinds) -> list[str]:
    chosen = list(dict.fromkeys(kinds))
    unknown = [kind for kind in chosen if kind not in events.EVENTS]
    if unknown:
        raise WebhookProblem(f"Hearth sends no event called {unknown[0]}. Choose from the list.")
    if not chosen:
        raise WebhookProblem("Choose at least one event to send to this address.")
    return chosen


def _checked_url(url: str) -> str:
    url = url.strip()
    try:
        transport.check_url(url)
    except transport.RefusedURL as refused:
        raise WebhookProblem(str(refused)) from None
    return url


def create_endpoint(*, url: str, events: list[str], by, description: str = "") -> tuple[WebhookEndpoint, str]:
    """Register an endpoint in the organization in scope; returns it and its secret ("whsec_...", to show once).

    Raises WebhookProblem for a URL `transport.check_url` refuses or an event list that is empty or unknown.
    """
    endpoint = WebhookEndpoint.objects.create(
        url=_checked_url(url),
        events=_checked_events(events),
        description=description.strip(),
        secret=signing.new_secret(),
        created_by=by,
    )
    return endpoint, endpoint.secret


def update_endpoint(
    *, endpoint: WebhookEndpoint, url: str, events: list[str], description: str = ""
) -> WebhookEndpoint:
    """Change an endpoint's address, events and description (checked as for `create_endpoint`)."""
    endpoint.url = _checked_url(url)
    endpoint.events = _checked_events(events)
    endpoint.description = description.strip()
    endpoint.save()
    return endpoint


def disable_endpoint(*, endpoint: WebhookEndpoint, reason: str = "") -> WebhookEndpoint:
    """Turn an endpoint off: no new deliveries, and its waiting ones fail when they come due."""
    endpoint.is_active = False
    endpoint.disabled_reason = reason.strip()[:200] or "Turned off by an administrator."
    endpoint.save(update_fields=["is_active", "disabled_reason"])
    return endpoint


def enable_endpoint(*, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    """Turn an endpoint back on, with its count of failures cleared. Deliveries failed meanwhile stay failed."""
    endpoint.url = _checked_url(endpoint.url)  # the rules may have tightened since it was saved
    endpoint.is_active, endpoint.disabled_reason, endpoint.consecutive_failures = True, "", 0
    endpoint.save(update_fields=["url", "is_active", "disabled_reason", "consecutive_failures"])
    return endpoint


def rotate_secret(*, endpoint: WebhookEndpoint, now: datetime | None = None) -> str:
    """Give the endpoint a new secret and return it (to show once). The old one also signs for ROTATION_GRACE
    (24 hours), so the receiver can take the new one without refusing a delivery."""
    now = now or timezone.now()
    endpoint.previous_secret, endpoint.previous_secret_expires_at = endpoint.secret, now + ROTATION_GRACE
    endpoint.secret = signing.new_secret()
    endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_expires_at"])
    return endpoint.secret


def send_test_event(*, endpoint: WebhookEndpoint, now: datetime | None = None) -> WebhookDelivery:
    """Queue a "webhook.test" event to this endpoint alone (its payload names no object). Raises WebhookProblem
    for an endpoint that is turned off."""
    if not endpoint.is_active:
        raise WebhookProblem("This endpoint is turned off. Turn it on before sending a test event.")
    now = now or timezone.now()
    with transaction.atomic():
        event_id = uuid.uuid4()
        payload = _payload(event_id=event_id, kind=events.TEST, organization=endpoint.organization, now=now, data={})
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint, event_id=event_id, kind=events.TEST, payload=payload, next_attempt_at=now, created_at=now
        )
        _enqueue_on_commit(delivery.pk)
    return delivery

"""Pluggable Web Push backends, chosen by the HEARTH_PUSH_BACKEND setting, as SMS is (sms.py). The default prints to
the console, so nothing leaves the machine until an operator sets VAPID keys and the Web Push backend; tests use the
in-memory one.

A push carries only the generic nudge (services.GENERIC_TEXT) and the inbox's path: a phone's lock screen shows it.
"""

import json
import sys

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_BACKEND = "recovery.notifications.push.ConsolePushBackend"

# Pushes "sent" by LocmemPushBackend, for tests (like django.core.mail.outbox).
outbox: list[dict] = []


class PushGone(Exception):
    """The push service no longer knows this subscription (the person unsubscribed or cleared the browser)."""


class BasePushBackend:
    """Subclass and implement `send`: raise PushGone when the subscription is gone, anything else to retry later."""

    def __init__(self, *, timeout: float | None = None):
        # Seconds the push service's network call may wait (connect, send, read), as for SMS.
        self.timeout = timeout if timeout is not None else settings.HEARTH_SMS_TIMEOUT

    def send(self, *, subscription, payload: dict) -> None:
        raise NotImplementedError


class ConsolePushBackend(BasePushBackend):
    """One line per push on stdout, naming the subscription by id only (its endpoint is a capability URL)."""

    def __init__(self, stream=None, **options):
        super().__init__(**options)
        self.stream = stream

    def send(self, *, subscription, payload: dict) -> None:
        stream = self.stream or sys.stdout
        stream.write(f"Push to subscription #{subscription.pk}: {payload['body']}\n")
        stream.flush()


class LocmemPushBackend(BasePushBackend):
    """Keeps pushes in `outbox` in this process."""

    def send(self, *, subscription, payload: dict) -> None:
        outbox.append({"endpoint": subscription.endpoint, "payload": payload})


class WebPushBackend(BasePushBackend):
    """Sends through the browser's push service with pywebpush, signed with this site's VAPID key (settings)."""

    def send(self, *, subscription, payload: dict) -> None:
        from pywebpush import WebPushException, webpush

        try:
            webpush(
                subscription_info={
                    "endpoint": subscription.endpoint,
                    "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
                },
                data=json.dumps(payload),
                vapid_private_key=settings.HEARTH_VAPID_PRIVATE_KEY,
                vapid_claims={"sub": settings.HEARTH_VAPID_SUBJECT},
                timeout=self.timeout,
                ttl=12 * 60 * 60,
            )
        except WebPushException as error:
            if error.response is not None and error.response.status_code in (404, 410):
                raise PushGone from None
            # No endpoint or body in the message: they identify the device.
            raise WebPushException(f"The push service refused the message ({type(error).__name__}).") from None


def get_backend() -> BasePushBackend:
    return import_string(getattr(settings, "HEARTH_PUSH_BACKEND", DEFAULT_BACKEND))()


def is_configured() -> bool:
    """Whether this site can offer push: a public VAPID key for browsers to subscribe with."""
    return bool(getattr(settings, "HEARTH_VAPID_PUBLIC_KEY", ""))

"""Pluggable SMS backends, chosen by the HEARTH_SMS_BACKEND setting. The default prints to the console, so
nothing leaves the machine until an operator plugs in a real provider.

A backend that talks to a provider over the network passes `self.timeout` (HEARTH_SMS_TIMEOUT seconds) to every
connect and read, as the mail backend does with EMAIL_TIMEOUT: a provider that never answers fails the delivery,
which is retried later, instead of holding a worker or a request (issue 15, item 4;
tests/test_network_timeouts.py holds every outbound call in Hearth to it).
"""

import sys

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_BACKEND = "recovery.notifications.sms.ConsoleSMSBackend"

# Messages "sent" by LocmemSMSBackend, for tests (like django.core.mail.outbox).
outbox: list[dict[str, str]] = []


class SMSDeliveryError(Exception):
    """A backend could not hand the message to its provider; the delivery is tried again later."""


class BaseSMSBackend:
    """Subclass and implement `send`; raise SMSDeliveryError (or let a network error through) on failure.

    The guarantee toward the person depends on the provider. A backend whose provider drops a second message
    with the same idempotency key sets `idempotent = True` and takes `key` (stable per delivery): an interrupted
    send is then tried again, exactly once in effect. Otherwise (the default) an interrupted send is never
    repeated: at most once, and the delivery is marked "unknown" for someone to check.
    """

    idempotent = False

    def __init__(self, *, timeout: float | None = None):
        # Seconds any one network call of the backend may wait (connect, send, each read).
        self.timeout = timeout if timeout is not None else settings.HEARTH_SMS_TIMEOUT

    def send(self, *, to: str, text: str, key: str | None = None) -> None:
        raise NotImplementedError


def mask_phone_number(number: str) -> str:
    """All but the last two digits hidden: enough to tell numbers apart in a log, not enough to call one."""
    digits = [character for character in number if character.isdigit()]
    return "*" * max(len(digits) - 2, 0) + "".join(digits[-2:])


class ConsoleSMSBackend(BaseSMSBackend):
    """Writes one line per message to stdout, with the number masked."""

    def __init__(self, stream=None, **options):
        super().__init__(**options)
        self.stream = stream

    def send(self, *, to: str, text: str, key: str | None = None) -> None:
        stream = self.stream or sys.stdout
        stream.write(f"SMS to {mask_phone_number(to)}: {text}\n")
        stream.flush()


class LocmemSMSBackend(BaseSMSBackend):
    """Keeps messages in `outbox` in this process."""

    def send(self, *, to: str, text: str, key: str | None = None) -> None:
        outbox.append({"to": to, "text": text})


def get_backend() -> BaseSMSBackend:
    return import_string(getattr(settings, "HEARTH_SMS_BACKEND", DEFAULT_BACKEND))()


def is_idempotent() -> bool:
    """Whether the configured backend drops a repeated message with the same key (see BaseSMSBackend)."""
    return bool(getattr(import_string(getattr(settings, "HEARTH_SMS_BACKEND", DEFAULT_BACKEND)), "idempotent", False))


def send_sms(*, to: str, text: str, key: str | None = None) -> None:
    """Hand one text to the configured backend; `key` goes along only to a backend that takes one."""
    backend = get_backend()
    if getattr(backend, "idempotent", False):
        backend.send(to=to, text=text, key=key)
    else:
        backend.send(to=to, text=text)

"""Pluggable SMS backends, chosen by the HEARTH_SMS_BACKEND setting. The default prints to the console, so
nothing leaves the machine until an operator plugs in a real provider."""

import sys

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_BACKEND = "recovery.notifications.sms.ConsoleSMSBackend"

# Messages "sent" by LocmemSMSBackend, for tests (like django.core.mail.outbox).
outbox: list[dict[str, str]] = []


class SMSDeliveryError(Exception):
    """A backend could not hand the message to its provider; the delivery is tried again later."""


class BaseSMSBackend:
    """Subclass and implement `send`; raise SMSDeliveryError (or let a network error through) on failure."""

    def send(self, *, to: str, text: str) -> None:
        raise NotImplementedError


def mask_phone_number(number: str) -> str:
    """All but the last two digits hidden: enough to tell numbers apart in a log, not enough to call one."""
    digits = [character for character in number if character.isdigit()]
    return "*" * max(len(digits) - 2, 0) + "".join(digits[-2:])


class ConsoleSMSBackend(BaseSMSBackend):
    """Writes one line per message to stdout, with the number masked."""

    def __init__(self, stream=None):
        self.stream = stream

    def send(self, *, to: str, text: str) -> None:
        stream = self.stream or sys.stdout
        stream.write(f"SMS to {mask_phone_number(to)}: {text}\n")
        stream.flush()


class LocmemSMSBackend(BaseSMSBackend):
    """Keeps messages in `outbox` in this process."""

    def send(self, *, to: str, text: str) -> None:
        outbox.append({"to": to, "text": text})


def get_backend() -> BaseSMSBackend:
    return import_string(getattr(settings, "HEARTH_SMS_BACKEND", DEFAULT_BACKEND))()


def send_sms(*, to: str, text: str) -> None:
    get_backend().send(to=to, text=text)

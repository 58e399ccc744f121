"""Checks that refuse to start a Hearth server or worker that would run unsafely."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MISSING_KEY_MESSAGE = (
    "SECRET_KEY must be set when DEBUG is off. Generate one with: "
    "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
)


def require_secret_key() -> None:
    try:
        key = settings.SECRET_KEY  # Django itself refuses to hand out an empty key
    except ImproperlyConfigured:
        key = ""
    if not key:
        raise ImproperlyConfigured(MISSING_KEY_MESSAGE)

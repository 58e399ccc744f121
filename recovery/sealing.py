"""Secrets Hearth must read back, sealed at rest: a webhook endpoint's signing secret has to be known to sign each
delivery, so it cannot be hashed like a password or an API token; it is encrypted instead, so that a copy of the
database (a backup, a dump handed to support) does not let its holder sign deliveries that the operator's receivers
would trust.

Sealing is Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`) under a key derived with HKDF-SHA256 from
Django's SECRET_KEY; values sealed under a key in SECRET_KEY_FALLBACKS still open, so rotating SECRET_KEY the Django
way (the old key moved to the fallbacks) keeps them readable, and saving one again seals it under the new key.
Keep SECRET_KEY with the backups: a database restored under another key holds secrets nobody can open (they read
as "", and the endpoint's page says to rotate the secret).
"""

import base64
import logging

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models

logger = logging.getLogger(__name__)

PREFIX = "sealed:"
_INFO = b"hearth sealed fields v1"


def _fernet_of(secret_key: str) -> Fernet:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def _keys() -> MultiFernet:
    return MultiFernet([_fernet_of(key) for key in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]])


def seal(text: str) -> str:
    """`text` (str) encrypted under SECRET_KEY, as "sealed:<Fernet token>" (ASCII); "" stays "" (nothing to hide)."""
    if not text:
        return ""
    return PREFIX + _keys().encrypt(text.encode()).decode("ascii")


def unseal(stored: str) -> str:
    """The text `seal()` sealed. A value without the prefix (written before sealing existed) is returned as it is;
    one that no key opens (the database restored under another SECRET_KEY) is "" with a warning that names no value."""
    if not stored or not stored.startswith(PREFIX):
        return stored
    try:
        return _keys().decrypt(stored.removeprefix(PREFIX).encode("ascii")).decode()
    except InvalidToken:
        logger.warning("A sealed value cannot be opened with SECRET_KEY or its fallbacks; it reads as empty.")
        return ""


class SealedCharField(models.CharField):
    """A CharField whose value is sealed in the database (`seal`) and open in Python (`unseal`). Not for lookups:
    each sealing of the same text differs. `max_length` bounds the sealed form (about 2.4 times the text plus 110)."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else unseal(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return None if value is None else seal(value)

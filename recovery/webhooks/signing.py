"""Standard Webhooks signatures (https://www.standardwebhooks.com): the headers every delivery carries.

The spec in a few lines, so no package is needed: a secret is "whsec_" and the base64 of 24 to 64 random bytes;
the signed content is "<webhook-id>.<webhook-timestamp>.<body>" (the timestamp in whole seconds since the epoch,
the body as the exact bytes sent); the signature is "v1," and the base64 of its HMAC-SHA256 under the decoded
secret. Several signatures (during a secret's rotation) are separated by spaces. `tests/recovery/test_webhooks.py`
checks this against the spec's published example.
"""

import base64
import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"  # noqa: S105 - the prefix the spec gives every secret, not a secret
SECRET_BYTES = 32


def new_secret() -> str:
    """A fresh endpoint secret: "whsec_" and the base64 of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def sign(*, secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The "v1,<base64>" signature of `body` (bytes, exactly as sent) for this message id and timestamp (whole
    seconds since the epoch, UTC). Raises binascii.Error for a secret that is not base64."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(*, secrets_in_use: list[str], message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The three Standard Webhooks headers, signed with every secret in use (the current one first; the previous
    one too while a rotation's grace period lasts)."""
    signatures = " ".join(
        sign(secret=secret, message_id=message_id, timestamp=timestamp, body=body) for secret in secrets_in_use
    )
    return {"webhook-id": message_id, "webhook-timestamp": str(timestamp), "webhook-signature": signatures}


def verify(*, secret: str, message_id: str, timestamp: int, body: bytes, signature_header: str) -> bool:
    """Whether any "v1," signature of `signature_header` matches (compared in constant time). For tests and as the
    receiver's recipe in the operator docs; it does not check the timestamp's age (a receiver should)."""
    expected = sign(secret=secret, message_id=message_id, timestamp=timestamp, body=body)
    return any(hmac.compare_digest(expected, candidate) for candidate in signature_header.split(" "))

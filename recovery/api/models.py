"""Personal access tokens: one person's key to the API in one organization, with what it may do and until when.

Only the token's SHA-256 is stored (a token is 32 random bytes, so a plain hash is enough: nobody can try them
all); its first characters (`prefix`) are kept in the clear so that a list can tell tokens apart. The token itself
is shown once, when it is made.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel

TOKEN_START = "hth_"  # noqa: S105 - the marker every token starts with, not a secret
PREFIX_LENGTH = 8


class ApiToken(TenantModel):
    """A personal access token of `user` in this organization. It reads (`can_write` off) or reads and writes the
    `resources` named (API resource names, as `ApiViewSet.api_resource`), as far as the person's role allows at the
    time of each request: a token never gives more than its owner has."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text=_("What the token is for, e.g. the billing system."))
    prefix = models.CharField(max_length=20, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    can_write = models.BooleanField(default=False)
    resources = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(expires_at__gt=models.F("created_at")), name="token_expires"),
        ]

    def __str__(self):
        return f"API token {self.prefix}…"

    @staticmethod
    def new_secret() -> tuple[str, str]:
        """A fresh token and its prefix: ("hth_<8 characters>_<43 characters>", "hth_<8 characters>")."""
        prefix = TOKEN_START + secrets.token_hex(PREFIX_LENGTH // 2)
        return f"{prefix}_{secrets.token_urlsafe(32)}", prefix

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and timezone.now() < self.expires_at

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "active" if timezone.now() < self.expires_at else "expired"


class IdempotentRequest(TenantModel):
    """A change sent with an `Idempotency-Key` header, and the answer it got: the same key sent again in the same
    organization gets the same answer, and nothing is done twice (a payment retried after a timeout is one payment).

    `fingerprint` is the SHA-256 of the person, method, path and body: the same key with another request is refused.
    The unique key is the claim: PostgreSQL, not the cache, decides which of two concurrent sendings is first.
    """

    key = models.CharField(max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response_body = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "key"], name="one_answer_per_idempotency_key"),
        ]

    def __str__(self):
        return f"idempotent request {self.pk}"

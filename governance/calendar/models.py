"""A person's private calendar link: a token that reads their calendar feed without a session. Only the token's
SHA-256 is kept; a revoked link stays as a row (revoked_at set) and answers 404."""

import hashlib
import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone

from recovery.tenancy import TenantModel

TOKEN_START = "hcal_"  # noqa: S105 - the marker every calendar token starts with, not a secret


class CalendarFeed(TenantModel):
    # A link is not a record: it goes with the membership it reads for.
    membership = models.ForeignKey("recovery.Membership", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "membership"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_calendar_link_per_member",
            ),
        ]

    def __str__(self):
        return f"Calendar link of membership {self.membership_id}"

    @staticmethod
    def new_secret() -> str:
        """A fresh token: "hcal_" and 43 URL-safe characters (256 bits)."""
        return TOKEN_START + secrets.token_urlsafe(32)

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

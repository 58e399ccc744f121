"""The verbs of personal access tokens: make one (its secret shown once), revoke it, note that it was used.

Every change is audited by the tenant base (create, update naming `revoked_at`); a use is written at most once a
minute per token (see `note_token_used`).
"""

from datetime import timedelta

from allauth.mfa.utils import is_mfa_enabled
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from recovery.api.models import ApiToken
from recovery.audit.models import AuditEvent
from recovery.audit.recorder import record
from recovery.models import MFA_ROLES
from recovery.registry import registry

# A token lives at most a year: an integration that runs longer is given a fresh token, and a forgotten one dies.
MAX_DAYS = 366
# A token's use is written to the audit log (and to `last_used_at`) at most once per this interval: the reads a
# request makes are audited row by row anyway, so a line per request would double the log and say nothing more.
USE_RECORDED_EVERY = timedelta(minutes=1)


class TokenRefused(Exception):
    """A token cannot be made as asked; the message says why and what to do, in the house's words."""


def api_resources() -> list[str]:
    """The resource names a token may be scoped to: every registered API route's `api_resource`, sorted."""
    return sorted({route.viewset.api_resource for route in registry["api_routes"]})


def needs_second_factor(membership) -> bool:
    """Whether a token of this member needs a second sign-in step enrolled: every role that sees other people's
    records (MFA_ROLES), whatever the organization's own MFA setting (a token outlives a session; issue 16)."""
    return membership.role in MFA_ROLES


def create_token(*, membership, name: str, can_write: bool, resources: list[str], days: int) -> tuple[ApiToken, str]:
    """A new token for `membership`'s person in its organization, valid for `days` days (1 to MAX_DAYS), reading
    (and writing, with `can_write`) the named `resources` (a non-empty subset of `api_resources()`).

    Returns (the token's row, the token itself): the caller shows the token once; only its hash is kept. Raises
    TokenRefused when the person's role needs a second factor they have not set up, or the request is malformed.
    Runs in the organization's tenant scope.
    """
    if needs_second_factor(membership) and not is_mfa_enabled(membership.user):
        raise TokenRefused(
            "Your role looks after other people's records, so an API token needs a second sign-in step. "
            "Set up an authenticator app first, then make the token."
        )
    if not 1 <= days <= MAX_DAYS:
        raise TokenRefused(f"A token lives from 1 to {MAX_DAYS} days.")
    unknown = sorted(set(resources) - set(api_resources()))
    if not resources or unknown:
        raise TokenRefused("Choose at least one of the listed resources.")
    secret, prefix = ApiToken.new_secret()
    now = timezone.now()
    token = ApiToken.objects.create(
        user=membership.user,
        name=name.strip()[:100],
        prefix=prefix,
        token_hash=ApiToken.hash_token(secret),
        can_write=can_write,
        resources=sorted(set(resources)),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    return token, secret


def revoke_token(*, token: ApiToken) -> None:
    """Stop `token` from working from now on (audited as a change of `revoked_at`); a revoked token stays listed."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])


def note_token_used(*, token: ApiToken) -> bool:
    """Write down that `token` was used now: `last_used_at` and one audit event, at most once per USE_RECORDED_EVERY
    per token (the conditional update decides between concurrent requests). Returns whether it wrote. Runs inside
    the token's tenant scope, with the request's actor set."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < USE_RECORDED_EVERY:
        return False
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - USE_RECORDED_EVERY)
    if not ApiToken._base_manager.filter(stale, pk=token.pk).update(last_used_at=now):
        return False
    token.last_used_at = now
    record(AuditEvent.Action.UPDATE, obj=token, changed_fields=["last_used_at"], detail="API token used")
    return True

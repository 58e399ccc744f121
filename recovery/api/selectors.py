"""Reads of the tokens page."""

from recovery.api.models import ApiToken


def tokens_of(user):
    """The person's tokens in the organization in scope, newest first (revoked and expired ones too, marked)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at")

"""Reads of the tokens page."""

from django.db.models import Q
from django.utils import timezone

from recovery.api.models import ApiToken


def tokens_of(user):
    """The person's tokens in the organization in scope, newest first (revoked and expired ones too, marked)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def tokens_in_organization():
    """Every token of the organization in scope that still works (for its administrators), the soonest to expire
    first, with its person loaded for the owner's name."""
    usable = Q(revoked_at__isnull=True, expires_at__gt=timezone.now())
    return ApiToken.objects.filter(usable).select_related("user").order_by("expires_at", "pk")

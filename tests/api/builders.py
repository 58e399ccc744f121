"""Builders for API tests: a personal access token for a member, and an API client that sends it."""

from rest_framework.test import APIClient

from recovery.api import services
from recovery.models import MFA_ROLES, Membership
from recovery.tenancy import tenant_scope
from tests.recovery.builders import enrol_totp, make_member


def make_token(user, organization, *, write=True, resources=None, days=30) -> str:
    """A fresh token (its secret) for `user`'s membership in `organization`, for `resources` (default: all), able to
    write unless `write=False`. A role that needs a second factor gets an authenticator enrolled first."""
    with tenant_scope(organization):
        membership = Membership.objects.select_related("user", "organization").get(user=user)
        if membership.role in MFA_ROLES and not user.authenticator_set.exists():
            enrol_totp(user)
        _token, secret = services.create_token(
            membership=membership,
            name="test",
            can_write=write,
            resources=resources if resources is not None else services.api_resources(),
            days=days,
        )
    return secret


def token_client(secret: str) -> APIClient:
    """An API client that sends `Authorization: Bearer <secret>` with every request."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def member_client(organization, role, *, write=True, resources=None, **user_fields):
    """(user, client) for a new member of `organization` in `role`, with a token of theirs."""
    user = make_member(organization, role, **user_fields)
    return user, token_client(make_token(user, organization, write=write, resources=resources))

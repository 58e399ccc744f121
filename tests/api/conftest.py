"""Fixtures of the API tests: tokens and clients for members of two organizations (see builders.py)."""

import pytest

from recovery.models import Role
from tests.api.builders import make_token, member_client, token_client


@pytest.fixture
def api_token():
    """`api_token(user, organization, write=True, resources=None, days=30) -> secret`."""
    return make_token


@pytest.fixture
def api_client_for():
    """`api_client_for(secret) -> APIClient` sending the token."""
    return token_client


@pytest.fixture
def api_member():
    """`api_member(organization, role, write=True, resources=None) -> (user, APIClient)`."""
    return member_client


@pytest.fixture
def harbor_admin_api(harbor):
    """An admin of Harbor with a read-write token for every resource: (user, APIClient)."""
    return member_client(harbor, Role.ADMIN)


@pytest.fixture
def cedar_admin_api(cedar):
    """An admin of Cedar with a read-write token for every resource: (user, APIClient)."""
    return member_client(cedar, Role.ADMIN)

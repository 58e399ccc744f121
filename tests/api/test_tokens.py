"""The API tokens page: a person makes a token (its secret shown once, only its hash kept), lists and revokes their
own; staff need a second factor first; every change is audited."""

import re

import pytest

from recovery.api.models import ApiToken
from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.tenancy import scopes_disabled, tenant_scope
from tests.api.builders import token_client
from tests.recovery.builders import enrol_totp, make_member

pytestmark = pytest.mark.django_db

URL = "/organization/api-tokens/"
FORM = {"name": "billing export", "can_write": "false", "resources": ["ledger", "residences"], "days": "30"}


def _secret(response) -> str:
    return re.search(r"hth_[0-9a-f]{8}_[A-Za-z0-9_-]{43}", response.content.decode()).group(0)


def test_a_token_made_on_the_page_is_shown_once_and_works(harbor, client):
    user = make_member(harbor, Role.RESIDENT)
    client.force_login(user)
    response = client.post(URL, FORM)
    assert response.status_code == 200
    secret = _secret(response)
    with tenant_scope(harbor):
        token = ApiToken.objects.get(user=user)
    assert token.token_hash == ApiToken.hash_token(secret) and not token.can_write
    assert token.resources == ["ledger", "residences"]
    listing = client.get(URL).content.decode()
    assert token.prefix in listing and secret not in listing
    assert token_client(secret).get("/api/v1/ledger-entries/").status_code == 200


def test_a_revoked_token_stops_working_and_the_revocation_is_audited(harbor, client):
    user = make_member(harbor, Role.RESIDENT)
    client.force_login(user)
    secret = _secret(client.post(URL, FORM))
    with tenant_scope(harbor):
        token = ApiToken.objects.get(user=user)
    assert client.post(f"{URL}{token.pk}/revoke/").status_code == 302
    assert token_client(secret).get("/api/v1/ledger-entries/").status_code == 401
    with scopes_disabled():
        changes = AuditEvent.objects.filter(object_type="api.apitoken", object_id=str(token.pk))
        assert set(changes.values_list("action", flat=True)) >= {"create", "update"}
        assert ["revoked_at"] in list(changes.values_list("changed_fields", flat=True))


def test_a_colleague_cannot_revoke_another_persons_token_and_the_attempt_is_audited(harbor, client):
    owner, colleague = make_member(harbor, Role.RESIDENT), make_member(harbor, Role.RESIDENT)
    client.force_login(owner)
    client.post(URL, FORM)
    with tenant_scope(harbor):
        token = ApiToken.objects.get(user=owner)
    client.force_login(colleague)
    assert client.post(f"{URL}{token.pk}/revoke/").status_code == 403
    assert client.get(f"{URL}everyone/").status_code == 403
    with tenant_scope(harbor):
        assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="denied", actor=colleague).exists()


def test_an_administrator_sees_and_revokes_everyones_working_tokens(harbor, cedar, client):
    """A token left behind by someone who left must not wait for its owner: the administrators see every working
    token of their organization (never another organization's) and revoke any."""
    owner, admin = make_member(harbor, Role.RESIDENT), make_member(harbor, Role.ADMIN)
    elsewhere = make_member(cedar, Role.RESIDENT)
    for person in (owner, elsewhere):
        client.force_login(person)
        client.post(URL, FORM)
    with tenant_scope(harbor):
        token = ApiToken.objects.get(user=owner)
    secret_prefix = token.prefix
    client.force_login(admin)
    assert "everyone's tokens" in client.get(URL).content.decode()
    listing = client.get(f"{URL}everyone/").content.decode()
    assert f"<code>{secret_prefix}…</code>" in listing
    with scopes_disabled():
        assert ApiToken.objects.get(user=elsewhere).prefix not in listing
        cedar_token = ApiToken.objects.get(user=elsewhere)
    assert client.post(f"{URL}{cedar_token.pk}/revoke/").status_code == 404
    response = client.post(f"{URL}{token.pk}/revoke/", {"back": "everyone"})
    assert response.status_code == 302 and response["Location"].endswith("/everyone/")
    with tenant_scope(harbor):
        assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert f"<code>{secret_prefix}…</code>" not in client.get(f"{URL}everyone/").content.decode()


def test_staff_without_a_second_factor_are_told_to_set_one_up(harbor, client):
    user = make_member(harbor, Role.HOUSE_MANAGER)
    client.force_login(user)
    response = client.post(URL, FORM)
    assert "second sign-in step" in response.content.decode()
    with tenant_scope(harbor):
        assert not ApiToken.objects.exists()
    enrol_totp(user)
    assert _secret(client.post(URL, FORM))


def test_the_guide_is_open_and_names_the_events_and_errors(client):
    page = client.get("/api/").content.decode()
    assert "Idempotency-Key" in page and "payment.posted" in page and "problem" in page

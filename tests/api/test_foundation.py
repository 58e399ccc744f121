"""The API's one door: tokens authenticate into their organization, scopes and roles limit them, another
organization's object is not found, and every error is a problem-details document."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from recovery.api import services
from recovery.api.models import ApiToken
from recovery.audit.models import AuditEvent
from recovery.models import Membership, Role
from recovery.tenancy import scopes_disabled, tenant_scope
from tests.api.builders import make_token, token_client
from tests.recovery.builders import make_member

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def test_a_request_without_credentials_answers_401_problem_with_a_bearer_challenge(harbor):
    response = APIClient().get("/api/v1/organizations/")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401
    assert response.json()["type"].endswith("/unauthenticated")


def test_a_token_lists_only_its_own_organization(harbor, cedar, harbor_admin_api):
    _user, client = harbor_admin_api
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [harbor.pk]


def test_another_organizations_object_answers_404_problem(harbor, cedar, cedar_admin_api):
    _user, client = cedar_admin_api
    response = client.get(f"/api/v1/organizations/{harbor.pk}/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_an_unknown_or_malformed_api_url_answers_404_problem(harbor, harbor_admin_api):
    _user, client = harbor_admin_api
    for url in ("/api/v1/nothing-here/", "/api/v1/organizations/abc/", "/api/v1/organizations/99999999999999999999/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == PROBLEM, url


@pytest.mark.parametrize("change", ["revoked", "expired", "garbled"])
def test_a_revoked_expired_or_unknown_token_answers_401(harbor, change):
    user = make_member(harbor, Role.ADMIN)
    secret = make_token(user, harbor)
    with tenant_scope(harbor):
        token = ApiToken.objects.get()
        if change == "revoked":
            services.revoke_token(token=token)
        elif change == "expired":
            ApiToken.objects.filter(pk=token.pk).update(created_at=timezone.now() - timedelta(days=40))
            ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    if change == "garbled":
        secret = secret[:-2] + "zz"
    response = token_client(secret).get("/api/v1/organizations/")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM


def test_a_token_stops_working_when_its_owner_leaves_the_organization(harbor):
    user = make_member(harbor, Role.RESIDENT)
    secret = make_token(user, harbor)
    with tenant_scope(harbor):
        Membership.objects.filter(user=user).update(is_active=False)
    assert token_client(secret).get("/api/v1/organizations/").status_code == 401


def test_a_token_for_other_resources_answers_403(harbor):
    user = make_member(harbor, Role.ADMIN)
    secret = make_token(user, harbor)
    with tenant_scope(harbor):
        ApiToken.objects.update(resources=["another-resource"])
    response = token_client(secret).get("/api/v1/organizations/")
    assert response.status_code == 403
    assert "organizations" in response.json()["detail"]


def test_a_read_only_token_cannot_change_anything(harbor):
    user = make_member(harbor, Role.ADMIN)
    client = token_client(make_token(user, harbor, write=False))
    response = client.post("/api/v1/organizations/", {}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "This token may only read."


def test_staff_cannot_make_a_token_without_a_second_factor(harbor):
    user = make_member(harbor, Role.HOUSE_MANAGER)
    with tenant_scope(harbor):
        membership = Membership.objects.select_related("user", "organization").get(user=user)
        with pytest.raises(services.TokenRefused, match="second sign-in step"):
            services.create_token(
                membership=membership, name="x", can_write=False, resources=["organizations"], days=30
            )


def test_a_resident_may_make_a_token_without_a_second_factor(harbor):
    user = make_member(harbor, Role.RESIDENT)
    with tenant_scope(harbor):
        membership = Membership.objects.select_related("user", "organization").get(user=user)
        token, secret = services.create_token(
            membership=membership, name="x", can_write=False, resources=["organizations"], days=30
        )
    assert secret.startswith(token.prefix + "_")
    assert token.token_hash == ApiToken.hash_token(secret) and secret not in token.token_hash


def test_a_token_cannot_live_longer_than_a_year(harbor):
    user = make_member(harbor, Role.RESIDENT)
    with tenant_scope(harbor):
        membership = Membership.objects.select_related("user", "organization").get(user=user)
        with pytest.raises(services.TokenRefused):
            services.create_token(
                membership=membership, name="x", can_write=False, resources=["organizations"], days=400
            )


def test_a_tokens_use_is_audited_once_a_minute_under_its_person(harbor, harbor_admin_api):
    user, client = harbor_admin_api
    for _ in range(3):
        assert client.get("/api/v1/organizations/").status_code == 200
    with scopes_disabled():
        used = AuditEvent.objects.filter(detail="API token used")
        assert used.count() == 1
        assert used.get().actor_id == user.pk
        assert ApiToken.objects.get().last_used_at is not None


def test_throttling_answers_429_problem_past_the_tokens_rate(harbor, harbor_admin_api, settings):
    settings.HEARTH_API_RATE = "2/minute"
    _user, client = harbor_admin_api
    statuses = [client.get("/api/v1/organizations/").status_code for _ in range(3)]
    if statuses[-1] == 200:
        pytest.skip("the cache does not count (no shared cache in this run)")
    assert statuses == [200, 200, 429]
    response = client.get("/api/v1/organizations/")
    assert response["Content-Type"] == PROBLEM and "Retry-After" in response


def test_the_browser_session_reaches_the_api_and_changes_need_csrf(harbor, client):
    user = make_member(harbor, Role.RESIDENT)
    client.force_login(user)
    assert client.get("/api/v1/organizations/").json()["results"][0]["id"] == harbor.pk
    strict = APIClient(enforce_csrf_checks=True)
    strict.force_login(user)
    response = strict.post("/api/v1/organizations/", {}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_a_method_the_route_lacks_answers_405_problem(harbor, harbor_admin_api):
    _user, client = harbor_admin_api
    response = client.delete(f"/api/v1/organizations/{harbor.pk}/")
    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM


def test_a_body_that_is_not_json_answers_415_problem(harbor, harbor_admin_api):
    _user, client = harbor_admin_api
    response = client.post("/api/v1/ledger-entries/", "amount=1", content_type="text/plain", HTTP_IDEMPOTENCY_KEY="k")
    assert response.status_code == 415
    assert response["Content-Type"] == PROBLEM


def test_a_bug_answers_500_problem_naming_nothing(harbor, harbor_admin_api, monkeypatch):
    from recovery.api.organizations import OrganizationViewSet

    def broken(self):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(OrganizationViewSet, "get_queryset", broken)
    _user, client = harbor_admin_api
    client.raise_request_exception = False
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 500
    assert response["Content-Type"] == PROBLEM
    assert "secret detail" not in response.content.decode()


def test_a_token_request_starts_no_session_and_is_never_cached(harbor, harbor_admin_api):
    _user, client = harbor_admin_api
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies and "__Host-sessionid" not in response.cookies
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("value", ["99999999999999999999", "0", "-1", "abc"])
def test_an_id_filter_out_of_range_answers_400_problem(harbor, harbor_admin_api, value):
    _user, client = harbor_admin_api
    response = client.get(f"/api/v1/beds/?residence={value}")
    assert response.status_code == 400
    assert "residence" in response.json()["errors"]


def test_a_record_of_the_organization_that_the_role_does_not_show_answers_403_as_on_the_pages(harbor):
    """The guide's rule: another organization's ids are 404; a record of the person's own organization that their
    role does not show (a stay in a home the house manager does not run) is 403 and audited, as on the pages, and
    never appears in a list."""
    from tests.residences.builders import make_home, make_stay, manager_of

    own, other = make_home(harbor), make_home(harbor)
    own_stay, other_stay = make_stay(harbor, residence=own), make_stay(harbor, residence=other)
    manager = manager_of(own)
    client = token_client(make_token(manager, harbor))
    assert client.get(f"/api/v1/stays/{own_stay.pk}/").status_code == 200
    assert client.get(f"/api/v1/stays/{other_stay.pk}/").status_code == 403
    listed = [row["id"] for row in client.get("/api/v1/stays/").json()["results"]]
    assert own_stay.pk in listed and other_stay.pk not in listed
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="denied", actor=manager).exists()

"""The ledger in the API: entries read as the pages allow, postings through the ledger's services, once per
Idempotency-Key, and every read of an entry audited under the token's person."""

import uuid
from decimal import Decimal

import pytest

from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.tenancy import scopes_disabled, tenant_scope
from residences.models import LedgerEntry
from tests.api.builders import make_token, member_client, token_client
from tests.residences.builders import home_of_stay, make_stay, manager_of

pytestmark = pytest.mark.django_db

PAYMENT = {"kind": "payment", "amount": "11.11", "method": "cash"}


def _post(client, body, key):
    return client.post("/api/v1/ledger-entries/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_a_payment_posted_twice_with_the_same_key_is_recorded_once(harbor, harbor_admin_api):
    _user, client = harbor_admin_api
    stay = make_stay(harbor)
    key = str(uuid.uuid4())
    first = _post(client, {**PAYMENT, "stay": stay.pk}, key)
    second = _post(client, {**PAYMENT, "stay": stay.pk}, key)
    assert first.status_code == second.status_code == 201, first.json()
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    with tenant_scope(harbor):
        assert LedgerEntry.objects.filter(stay=stay, kind="payment").count() == 1
    third = _post(client, {**PAYMENT, "stay": stay.pk}, str(uuid.uuid4()))
    assert third.status_code == 201 and third.json()["id"] != first.json()["id"]


def test_a_replayed_answer_is_a_read_of_the_entry_and_is_audited(harbor, harbor_admin_api):
    """A replay shows the entry again: it is written to the audit log as a read, like any other answer showing it."""
    user, client = harbor_admin_api
    stay = make_stay(harbor)
    key = str(uuid.uuid4())
    first = _post(client, {**PAYMENT, "stay": stay.pk}, key)
    entry_id = str(first.json()["id"])
    with scopes_disabled():
        views = AuditEvent.objects.filter(action="view", object_type="residences.ledgerentry", object_id=entry_id)
        assert views.count() == 0  # the posting itself is a CREATE, not a read
    assert _post(client, {**PAYMENT, "stay": stay.pk}, key)["Idempotent-Replayed"] == "true"
    with scopes_disabled():
        assert list(views.values_list("actor_id", "resident_id")) == [(user.pk, stay.resident_id)]


def test_the_same_key_with_another_request_is_refused(harbor, harbor_admin_api):
    _user, client = harbor_admin_api
    stay = make_stay(harbor)
    key = str(uuid.uuid4())
    assert _post(client, {**PAYMENT, "stay": stay.pk}, key).status_code == 201
    response = _post(client, {**PAYMENT, "stay": stay.pk, "amount": "12.00"}, key)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"


def test_a_posting_without_an_idempotency_key_is_refused(harbor, harbor_admin_api):
    _user, client = harbor_admin_api
    stay = make_stay(harbor)
    response = client.post("/api/v1/ledger-entries/", {**PAYMENT, "stay": stay.pk}, format="json")
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["errors"]


def test_a_refused_posting_releases_its_key_and_says_why(harbor, harbor_admin_api):
    _user, client = harbor_admin_api
    stay = make_stay(harbor, signed=False)
    key = str(uuid.uuid4())
    refused = _post(client, {**PAYMENT, "stay": stay.pk}, key)
    assert refused.status_code == 422
    assert "fee and refund disclosure" in refused.json()["detail"]
    from tests.residences.builders import sign_disclosure

    sign_disclosure(stay)
    assert _post(client, {**PAYMENT, "stay": stay.pk}, key).status_code == 201


def test_another_organizations_stay_is_not_found_for_a_posting(harbor, cedar, cedar_admin_api):
    _user, client = cedar_admin_api
    stay = make_stay(harbor)
    assert _post(client, {**PAYMENT, "stay": stay.pk}, str(uuid.uuid4())).status_code == 404
    with tenant_scope(harbor):
        assert not LedgerEntry.objects.filter(stay=stay).exists()


def test_a_charge_needs_what_it_is_for_and_money_in_cents(harbor, harbor_admin_api):
    _user, client = harbor_admin_api
    stay = make_stay(harbor)
    response = _post(client, {"kind": "charge", "amount": "10.001", "stay": stay.pk}, str(uuid.uuid4()))
    assert response.status_code == 400
    assert "amount" in response.json()["errors"]
    response = _post(client, {"kind": "charge", "amount": "10.00", "stay": stay.pk}, str(uuid.uuid4()))
    assert "category" in response.json()["errors"]


def test_a_house_manager_reads_and_posts_only_for_their_homes(harbor):
    mine, theirs = make_stay(harbor), make_stay(harbor)
    client = token_client(make_token(manager_of(home_of_stay(mine)), harbor))
    assert _post(client, {**PAYMENT, "stay": theirs.pk}, str(uuid.uuid4())).status_code == 403
    assert _post(client, {**PAYMENT, "stay": mine.pk}, str(uuid.uuid4())).status_code == 201
    with tenant_scope(harbor):
        from residences.ledger import services

        services.post_credit(stay=theirs, amount=Decimal("5.00"), description="x", posted_on=mine.move_in)
    stays = {row["stay"] for row in client.get("/api/v1/ledger-entries/").json()["results"]}
    assert stays == {mine.pk}


def test_a_resident_reads_their_own_entries_and_may_not_post(harbor):
    from tests.residences.builders import sign_disclosure

    user, client = member_client(harbor, Role.RESIDENT)
    stay = make_stay(harbor, user=user, signed=False)
    sign_disclosure(stay)
    make_stay(harbor)
    with tenant_scope(harbor):
        from residences.ledger import services

        services.post_credit(stay=stay, amount=Decimal("5.00"), description="x", posted_on=stay.move_in)
    assert {row["stay"] for row in client.get("/api/v1/ledger-entries/").json()["results"]} == {stay.pk}
    assert _post(client, {**PAYMENT, "stay": stay.pk}, str(uuid.uuid4())).status_code == 403


def test_every_entry_an_api_list_returns_is_audited_as_read_by_the_tokens_person(harbor, harbor_admin_api):
    user, client = harbor_admin_api
    stay = make_stay(harbor)
    with tenant_scope(harbor):
        from residences.ledger import services

        entry = services.post_credit(stay=stay, amount=Decimal("5.00"), description="x", posted_on=stay.move_in)
    ids = [row["id"] for row in client.get("/api/v1/ledger-entries/").json()["results"]]
    assert ids == [entry.pk]
    with scopes_disabled():
        views = AuditEvent.objects.filter(action="view", object_type="residences.ledgerentry", object_id=str(entry.pk))
        assert views.count() == 1
        assert views.get().actor_id == user.pk
        assert views.get().resident_id == stay.resident_id


def test_an_idempotency_key_is_forgotten_after_a_week(harbor, harbor_admin_api):
    from datetime import timedelta

    from django.utils import timezone

    from recovery.api.models import IdempotentRequest
    from recovery.api.tasks import forget_old_idempotency_keys

    _user, client = harbor_admin_api
    stay = make_stay(harbor)
    old, fresh = str(uuid.uuid4()), str(uuid.uuid4())
    _post(client, {**PAYMENT, "stay": stay.pk}, old)
    _post(client, {**PAYMENT, "stay": stay.pk}, fresh)
    with tenant_scope(harbor):
        IdempotentRequest._base_manager.filter(key=old).update(created_at=timezone.now() - timedelta(days=8))
    assert forget_old_idempotency_keys() == 1
    with tenant_scope(harbor):
        assert list(IdempotentRequest.objects.values_list("key", flat=True)) == [fresh]

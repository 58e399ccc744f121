"""Secrets Hearth must read back are sealed at rest (recovery/sealing.py): a webhook endpoint's signing secret is not
in the database in the open, opens after a SECRET_KEY rotation made the Django way, and a database restored under
another key says so on the endpoint's page instead of signing with nothing."""

import pytest
from django.db import connection
from django.urls import reverse

from recovery.models import Role
from recovery.sealing import PREFIX, seal, unseal
from recovery.tenancy import tenant_scope
from recovery.webhooks.models import WebhookEndpoint
from tests.recovery.builders import make_member

pytestmark = pytest.mark.django_db


def _endpoint(organization) -> WebhookEndpoint:
    with tenant_scope(organization):
        return WebhookEndpoint.objects.create(url="https://hooks.example.org/in", events=[], secret="whsec_c2VjcmV0")


def _stored(endpoint) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT secret FROM {WebhookEndpoint._meta.db_table} WHERE id = %s", [endpoint.pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_a_webhook_secret_is_sealed_in_the_database_and_open_on_the_instance(harbor):
    endpoint = _endpoint(harbor)
    stored = _stored(endpoint)
    assert stored.startswith(PREFIX) and "c2VjcmV0" not in stored
    with tenant_scope(harbor):
        assert WebhookEndpoint.objects.get(pk=endpoint.pk).secret == "whsec_c2VjcmV0"


def test_a_secret_sealed_under_the_old_key_opens_after_a_rotation_into_the_fallbacks(harbor, settings):
    sealed = seal("whsec_b2xk")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a new key " * 5
    assert unseal(sealed) == "whsec_b2xk"
    assert seal("x") != seal("x"), "each sealing differs, so nobody can match a sealed value by sealing a guess"


def test_a_database_restored_under_another_key_reads_empty_and_the_endpoint_page_says_to_rotate(
    harbor, client, settings, caplog
):
    endpoint = _endpoint(harbor)
    ours = settings.SECRET_KEY
    settings.SECRET_KEY = "another server's key " * 3
    sealed_elsewhere = seal("whsec_c2VjcmV0")
    settings.SECRET_KEY = ours
    with connection.cursor() as cursor:
        table = WebhookEndpoint._meta.db_table
        cursor.execute(f"UPDATE {table} SET secret = %s WHERE id = %s", [sealed_elsewhere, endpoint.pk])  # noqa: S608
    with tenant_scope(harbor):
        assert WebhookEndpoint.objects.get(pk=endpoint.pk).secret == ""
    assert "c2VjcmV0" not in caplog.text
    client.force_login(make_member(harbor, Role.ADMIN))
    page = client.get(reverse("webhooks:endpoint_detail", args=[endpoint.pk])).content.decode()
    assert "cannot open this endpoint's secret" in page


def test_a_value_written_before_sealing_existed_reads_as_it_is():
    assert unseal("whsec_cGxhaW4=") == "whsec_cGxhaW4="
    assert unseal("") == "" and seal("") == ""

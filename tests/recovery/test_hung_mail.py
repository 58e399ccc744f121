"""A mail provider that accepts the connection and never answers stalls nothing (issue 15, item 4).

The provider (the `silent_smtp` fixture, tests/conftest.py) is a real socket listener in a thread that accepts and
then stays silent, as a hung SMTP server does.
"""

import threading
import time
import uuid
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError, connections

from recovery.celery import app
from recovery.models import Membership, Organization, Role, User
from recovery.notifications import services, tasks
from recovery.notifications.models import Delivery
from recovery.tenancy import scopes_disabled, tenant_scope
from tests.conftest import SILENT_SMTP_TIMEOUT as EMAIL_TIMEOUT


def _due_email_delivery():
    organization = Organization.objects.create(name="Harbor House Recovery", slug=f"harbor-{uuid.uuid4().hex[:8]}")
    user = User.objects.create_user(email=f"jordan-{uuid.uuid4().hex[:8]}@example.org", password="x")
    with tenant_scope(organization):
        Membership.objects.create(user=user, role=Role.RESIDENT)
        with mock.patch.object(tasks.deliver, "delay"):
            services.notify(recipient=user, kind="test", title="Hello")
        return organization, Delivery.objects.get(channel=Delivery.Channel.EMAIL).pk


def test_email_timeout_is_set_and_documented_when_settings_load():
    assert 0 < django_settings.EMAIL_TIMEOUT <= 60
    env_example = (django_settings.BASE_DIR / ".env.example").read_text()
    assert "EMAIL_TIMEOUT=" in env_example


def test_every_task_has_a_soft_and_a_hard_time_limit_by_default():
    soft, hard = app.conf.task_soft_time_limit, app.conf.task_time_limit
    assert soft and hard and soft < hard <= 15 * 60


def test_deliveries_go_on_their_own_queue_when_queued():
    route = app.amqp.router.route({}, tasks.deliver.name)
    assert route["queue"].name == django_settings.HEARTH_DELIVERY_QUEUE != app.conf.task_default_queue
    assert app.amqp.router.route({}, "peer_support.check_in_occurrence")["queue"].name == "celery"


def test_workers_consume_both_queues_when_started_from_the_procfile_or_compose():
    for name in ("Procfile", "docker-compose.yml"):
        text = (django_settings.BASE_DIR / name).read_text()
        assert "celery,deliveries" in text, name


@pytest.mark.django_db
def test_a_delivery_fails_within_the_timeout_and_stays_retryable_when_the_provider_never_answers(silent_smtp):
    organization, delivery_id = _due_email_delivery()

    started = time.monotonic()
    with tenant_scope(organization), pytest.raises(services.DeliveryFailed) as failure:
        services.send_delivery(delivery_id=delivery_id)
    seconds = time.monotonic() - started

    assert silent_smtp.accepted.is_set(), "the test's provider was never reached"
    assert seconds < EMAIL_TIMEOUT + 3, f"the send hung for {seconds:.1f} s"
    assert failure.value.retry_at is not None
    with scopes_disabled():
        delivery = Delivery.objects.get(pk=delivery_id)
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.attempts == 1
    assert delivery.deliver_after == failure.value.retry_at


@pytest.mark.django_db(transaction=True)
def test_no_row_lock_is_held_while_the_provider_hangs(silent_smtp):
    if connections["default"].vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite locks the whole file); CI runs PostgreSQL")
    organization, delivery_id = _due_email_delivery()
    outcome = {}

    def send():
        try:
            with tenant_scope(organization):
                services.send_delivery(delivery_id=delivery_id)
        except services.DeliveryFailed:
            outcome["failed"] = True
        finally:
            connections.close_all()

    sender = threading.Thread(target=send)
    sender.start()
    assert silent_smtp.accepted.wait(5)
    try:
        with scopes_disabled(), connections["default"].cursor() as cursor:
            # From another connection: the row must be free while the provider is silent.
            cursor.execute("SET lock_timeout = '200ms'")
            cursor.execute("SELECT id FROM notifications_delivery WHERE id = %s FOR UPDATE", [delivery_id])
            locked_out = False
    except OperationalError:  # the lock timeout: the failure this test names
        locked_out = True
    finally:
        sender.join(EMAIL_TIMEOUT + 5)
    assert outcome.get("failed")
    assert not locked_out, "the delivery's row was locked while the provider hung"

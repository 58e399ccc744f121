"""Webhooks: Standard Webhooks signatures, events from the services that make the changes (an outbox written in
their transaction), signed deliveries to a real local receiver, retries with backoff then turning off, SSRF
refusal, timeouts, and the administrators' pages."""

import json
import socket
import threading
import time
from datetime import timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from recovery.models import Role
from recovery.notifications.models import Notification
from recovery.tenancy import ScopeError, organization_today, scopes_disabled, tenant_scope
from recovery.webhooks import events, services, signing, tasks, transport
from recovery.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.recovery.builders import MARKER, make_member, make_webhook_endpoint
from tests.residences.builders import admit, make_home, make_stay

pytestmark = pytest.mark.django_db

# The Standard Webhooks specification's published example (and its reference libraries' test vector).
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TIMESTAMP = 1614265330
SPEC_BODY = b'{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


# --- A local receiver ---------------------------------------------------------------------------------------------


class Receiver:
    """A threaded HTTP server on 127.0.0.1 that records each request and answers `status` with `body`."""

    def __init__(self, status=200, body=b"ok"):
        self.status, self.body, self.requests = status, body, []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("content-length", 0))
                receiver.requests.append({"headers": dict(self.headers), "body": self.rfile.read(length)})
                self.send_response(receiver.status)
                self.send_header("content-length", str(len(receiver.body)))
                self.end_headers()
                self.wfile.write(receiver.body)

            def log_message(self, *args):
                pass  # keep the test output quiet

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings):
    settings.HEARTH_WEBHOOKS_ALLOW_LOCAL = True
    running = Receiver()
    yield running
    running.close()


@pytest.fixture
def silent_receiver():
    """A server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/hooks"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def _pending_delivery(org, url, kind=events.STAY_ADMITTED, object_id=42):
    endpoint = make_webhook_endpoint(org, url=url)
    with tenant_scope(org):
        return services.emit_event(kind=kind, object_id=object_id)[0], endpoint


def _send(org, delivery, *, now=None):
    with tenant_scope(org):
        return services.send_delivery(delivery_id=delivery.pk, now=now)


# --- Signatures ---------------------------------------------------------------------------------------------------


def test_signature_matches_the_standard_webhooks_example():
    signature = signing.sign(secret=SPEC_SECRET, message_id=SPEC_ID, timestamp=SPEC_TIMESTAMP, body=SPEC_BODY)
    assert signature == SPEC_SIGNATURE


def test_signature_does_not_verify_when_the_body_changed():
    assert signing.verify(
        secret=SPEC_SECRET,
        message_id=SPEC_ID,
        timestamp=SPEC_TIMESTAMP,
        body=SPEC_BODY,
        signature_header=SPEC_SIGNATURE,
    )
    assert not signing.verify(
        secret=SPEC_SECRET,
        message_id=SPEC_ID,
        timestamp=SPEC_TIMESTAMP,
        body=b'{"test": 2432232315}',
        signature_header=SPEC_SIGNATURE,
    )


def test_new_secret_is_whsec_and_32_random_bytes():
    import base64

    first, second = signing.new_secret(), signing.new_secret()
    assert first.startswith("whsec_") and first != second
    assert len(base64.b64decode(first.removeprefix("whsec_"))) == 32


def test_both_secrets_sign_while_a_rotation_grace_period_lasts(harbor):
    endpoint = make_webhook_endpoint(harbor)
    old = endpoint.secret
    with tenant_scope(harbor):
        new = services.rotate_secret(endpoint=endpoint)
    headers = signing.headers(secrets_in_use=endpoint.secrets_in_use(), message_id="m", timestamp=1, body=b"{}")
    for secret in (old, new):
        assert signing.verify(
            secret=secret, message_id="m", timestamp=1, body=b"{}", signature_header=headers["webhook-signature"]
        )
    later = timezone.now() + services.ROTATION_GRACE + timedelta(minutes=1)
    assert endpoint.secrets_in_use(now=later) == [new]


# --- Events from the services ---------------------------------------------------------------------------------------


def _application_received(org):
    from residences.applications.services import submit_public_application

    with tenant_scope(org):
        return submit_public_application(
            organization=org, data={"first_name": MARKER, "last_name": MARKER, "email": "a@example.org"}
        ).pk


def _stay_admitted(org):
    return admit(make_home(org), first_name=MARKER, last_name=MARKER).pk


def _stay_moved_out(org):
    from residences.stays.services import move_out

    stay = admit(make_home(org), first_name=MARKER, last_name=MARKER, move_in=date_days_ago(org, 10))
    with tenant_scope(org):
        WebhookDelivery.objects.all().delete()  # the admission's own event
        return move_out(stay=stay, on=organization_today(), reason="completed").pk


def _incident_opened(org):
    from tests.governance.builders import make_incident

    stay = make_stay(org, last_name=MARKER)
    with tenant_scope(org):
        WebhookDelivery.objects.all().delete()
    return make_incident(org, stay=stay).pk


def _payment_posted(org):
    from residences.ledger.services import record_payment

    stay = make_stay(org, last_name=MARKER)
    with tenant_scope(org):
        WebhookDelivery.objects.all().delete()
        return record_payment(stay=stay, amount=Decimal("50.00"), method="cash", posted_on=organization_today()).pk


def date_days_ago(org, days):
    with tenant_scope(org):
        return organization_today() - timedelta(days=days)


SCENARIOS = {
    events.APPLICATION_RECEIVED: (_application_received, "applications"),
    events.STAY_ADMITTED: (_stay_admitted, "stays"),
    events.STAY_MOVED_OUT: (_stay_moved_out, "stays"),
    events.INCIDENT_OPENED: (_incident_opened, "incidents"),
    events.PAYMENT_POSTED: (_payment_posted, "ledger-entries"),
}


def test_every_event_of_the_list_has_a_scenario_here():
    assert set(SCENARIOS) == set(events.EVENTS)


@pytest.mark.parametrize("kind", sorted(SCENARIOS))
def test_the_service_that_makes_the_change_writes_a_delivery_with_ids_only_when_an_endpoint_subscribes(
    harbor, kind, settings
):
    settings.HEARTH_BASE_URL = "https://hearth.example.org"
    make_webhook_endpoint(harbor, events=[kind])
    make_webhook_endpoint(harbor, events=[other for other in events.EVENTS if other != kind])
    make_webhook_endpoint(harbor, is_active=False, disabled_reason="off")
    scenario, resource = SCENARIOS[kind]
    object_id = scenario(harbor)
    with tenant_scope(harbor):
        deliveries = list(WebhookDelivery.objects.filter(kind=kind))
    assert len(deliveries) == 1, "one delivery: to the one active endpoint subscribed to the event"
    delivery = deliveries[0]
    assert delivery.payload["type"] == kind
    assert delivery.payload["organization"] == harbor.pk
    assert delivery.payload["id"] == str(delivery.event_id)
    assert delivery.payload["data"] == {
        "object": resource,
        "id": object_id,
        "url": f"https://hearth.example.org/api/v1/{resource}/{object_id}/",
    }
    assert MARKER not in json.dumps(delivery.payload), "a payload carries ids, never names or content"


def test_another_organizations_endpoint_hears_nothing(harbor, cedar):
    make_webhook_endpoint(cedar)
    _stay_admitted(harbor)
    with scopes_disabled():
        assert not WebhookDelivery.objects.exists()


def test_a_rolled_back_change_sends_nothing(harbor, django_capture_on_commit_callbacks):
    make_webhook_endpoint(harbor)
    home = make_home(harbor)
    with django_capture_on_commit_callbacks() as callbacks, tenant_scope(harbor):
        with pytest.raises(RuntimeError), transaction.atomic():
            from residences.stays.services import admit_resident
            from tests.residences.builders import beds_of

            admit_resident(first_name="A", last_name="B", bed=beds_of(home)[0], move_in=organization_today())
            raise RuntimeError("the request failed after the admission")
        assert not WebhookDelivery.objects.exists()
    assert callbacks == []


def test_a_committed_change_queues_its_delivery_after_the_commit(
    harbor, django_capture_on_commit_callbacks, monkeypatch
):
    make_webhook_endpoint(harbor)
    queued = []
    monkeypatch.setattr(tasks.deliver, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _stay_admitted(harbor)
    assert len(callbacks) == 1
    with tenant_scope(harbor):
        assert queued == [WebhookDelivery.objects.get().pk]


def test_emitting_outside_a_tenant_scope_is_refused(harbor):
    with pytest.raises(ScopeError):
        services.emit_event(kind=events.STAY_ADMITTED, object_id=1)


# --- Delivering ---------------------------------------------------------------------------------------------------


def test_a_local_receiver_gets_a_signed_delivery(harbor, receiver):
    delivery, endpoint = _pending_delivery(harbor, receiver.url)
    delivery = _send(harbor, delivery)
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert delivery.response_status == 200 and delivery.attempts == 1
    [request] = receiver.requests
    headers = {name.lower(): value for name, value in request["headers"].items()}
    assert headers["webhook-id"] == str(delivery.event_id)
    assert abs(int(headers["webhook-timestamp"]) - time.time()) < 60
    assert signing.verify(
        secret=endpoint.secret,
        message_id=headers["webhook-id"],
        timestamp=int(headers["webhook-timestamp"]),
        body=request["body"],
        signature_header=headers["webhook-signature"],
    )
    assert json.loads(request["body"]) == delivery.payload


def test_the_deliver_task_sends_inside_the_deliverys_organization(harbor, receiver):
    delivery, _endpoint = _pending_delivery(harbor, receiver.url)
    assert tasks.deliver.apply(args=[delivery.pk]).get() == WebhookDelivery.Status.DELIVERED
    assert len(receiver.requests) == 1


def test_a_failing_receiver_gets_retries_with_backoff_then_the_endpoint_is_turned_off(harbor, receiver, settings):
    settings.HEARTH_WEBHOOK_DISABLE_AFTER = 1
    receiver.status = 500
    make_member(harbor, Role.ADMIN)
    delivery, endpoint = _pending_delivery(harbor, receiver.url)
    now = timezone.now()
    for attempt, delay in enumerate(services.RETRY_DELAYS, start=1):
        delivery = _send(harbor, delivery, now=now)
        assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.PENDING, attempt)
        assert delivery.next_attempt_at == now + delay
        assert _send(harbor, delivery, now=now + delay - timedelta(seconds=1)).attempts == attempt, "not due yet"
        now += delay
    assert services.RETRY_DELAYS[0] < services.RETRY_DELAYS[-1], "the waits grow"
    assert sum(services.RETRY_DELAYS, timedelta()) < timedelta(days=1, hours=1)
    delivery = _send(harbor, delivery, now=now)
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.FAILED, services.MAX_ATTEMPTS)
    assert len(receiver.requests) == services.MAX_ATTEMPTS
    with tenant_scope(harbor):
        endpoint.refresh_from_db()
        assert not endpoint.is_active and "failed" in endpoint.disabled_reason
        assert Notification.objects.filter(kind=services.DISABLED_KIND).count() == 1
        # A turned-off endpoint gets nothing more: a new event writes no delivery for it.
        assert services.emit_event(kind=events.STAY_ADMITTED, object_id=7) == []


def test_a_success_clears_the_endpoints_count_of_failures(harbor, receiver):
    delivery, endpoint = _pending_delivery(harbor, receiver.url)
    with tenant_scope(harbor):
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(consecutive_failures=3)
    _send(harbor, delivery)
    with tenant_scope(harbor):
        endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 0


def test_a_delivery_being_sent_is_not_sent_again_by_a_second_worker(harbor, receiver):
    delivery, _endpoint = _pending_delivery(harbor, receiver.url)
    with tenant_scope(harbor):
        WebhookDelivery.objects.filter(pk=delivery.pk).update(status="sending", sending_at=timezone.now())
    assert _send(harbor, delivery).status == WebhookDelivery.Status.SENDING
    assert receiver.requests == []


def test_a_stale_sending_delivery_is_sent_again_with_the_same_id(harbor, receiver):
    delivery, _endpoint = _pending_delivery(harbor, receiver.url)
    with tenant_scope(harbor):
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status="sending", sending_at=timezone.now() - timedelta(hours=1), attempts=1
        )
    delivery = _send(harbor, delivery)
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.DELIVERED, 2)
    assert receiver.requests[0]["headers"]["webhook-id"] == str(delivery.event_id)


def test_the_kept_answer_never_echoes_the_endpoints_secret(harbor, receiver):
    delivery, endpoint = _pending_delivery(harbor, receiver.url)
    receiver.status, receiver.body = 400, f"bad signature for {endpoint.secret} and whsec_b3RoZXI=".encode()
    delivery = _send(harbor, delivery)
    assert delivery.response_status == 400
    assert "whsec_" not in delivery.response_body and endpoint.secret[6:] not in delivery.response_body
    assert "[secret]" in delivery.response_body


def test_a_receiver_that_never_answers_does_not_hang_the_worker(harbor, silent_receiver, settings):
    settings.HEARTH_WEBHOOKS_ALLOW_LOCAL = True
    settings.HEARTH_WEBHOOK_TIMEOUT_SECONDS = 0.5
    delivery, _endpoint = _pending_delivery(harbor, silent_receiver)
    started = time.monotonic()
    delivery = _send(harbor, delivery)
    assert time.monotonic() - started < 5
    assert (delivery.status, delivery.error, delivery.attempts) == (WebhookDelivery.Status.PENDING, "timeout", 1)


def test_the_dispatcher_queues_due_and_stale_deliveries_only(harbor, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks.deliver, "delay", queued.append)
    make_webhook_endpoint(harbor)
    with tenant_scope(harbor):
        due, later, stale = (services.emit_event(kind=events.STAY_ADMITTED, object_id=n)[0] for n in (1, 2, 3))
        WebhookDelivery.objects.filter(pk=later.pk).update(next_attempt_at=timezone.now() + timedelta(hours=1))
        WebhookDelivery.objects.filter(pk=stale.pk).update(
            status="sending", sending_at=timezone.now() - timedelta(hours=1)
        )
    assert tasks.dispatch_due_deliveries() == 2
    assert sorted(queued) == sorted([due.pk, stale.pk])


# --- SSRF -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hooks",
        "https://localhost/hooks",
        "https://10.1.2.3/hooks",
        "https://192.168.0.10/hooks",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/hooks",
        "https://[::ffff:127.0.0.1]/hooks",
        "https://100.64.0.1/hooks",
    ],
)
def test_an_address_inside_the_network_is_refused(url):
    with pytest.raises(transport.RefusedURL, match="private network"):
        transport.check_url(url)


@pytest.mark.parametrize(
    "url, words",
    [
        ("http://93.184.215.14/hooks", "https://"),
        ("ftp://93.184.215.14/hooks", "https://"),
        ("https://user:secret@93.184.215.14/hooks", "user name"),
        ("https:///hooks", "host name"),
    ],
)
def test_an_address_that_is_not_plain_https_is_refused(url, words):
    with pytest.raises(transport.RefusedURL, match=words):
        transport.check_url(url)


def test_a_public_https_address_passes():
    transport.check_url("https://93.184.215.14/hooks")


def test_the_setting_allows_local_http_receivers(settings):
    settings.HEARTH_WEBHOOKS_ALLOW_LOCAL = True
    transport.check_url("http://127.0.0.1:8123/hooks")


def test_a_connection_that_reaches_a_private_address_is_closed_before_sending(harbor, receiver, settings):
    """A name that resolved to a public address when saved may resolve inside the network later (DNS rebinding):
    the address the socket reached is checked again, before anything is sent."""
    delivery, _endpoint = _pending_delivery(harbor, receiver.url.replace("http://", "https://"))
    settings.HEARTH_WEBHOOKS_ALLOW_LOCAL = False
    delivery = _send(harbor, delivery)
    assert (delivery.status, delivery.error) == (WebhookDelivery.Status.PENDING, "refused address")
    assert receiver.requests == []


# --- Pages ----------------------------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, harbor):
    client.force_login(make_member(harbor, Role.ADMIN))
    return client


def test_an_admin_adds_an_endpoint_and_sees_its_secret_once(admin_client, harbor, settings):
    settings.HEARTH_WEBHOOKS_ALLOW_LOCAL = True
    response = admin_client.post(
        reverse("webhooks:endpoint_add"),
        {"url": "https://127.0.0.1:9/hooks", "description": "Billing", "events": [events.PAYMENT_POSTED]},
    )
    with tenant_scope(harbor):
        endpoint = WebhookEndpoint.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "webhooks:endpoint_detail", args=[endpoint.pk]
    )
    assert endpoint.events == [events.PAYMENT_POSTED] and endpoint.secret.startswith("whsec_")
    first = admin_client.get(response["Location"]).content.decode()
    assert endpoint.secret in first
    assert endpoint.secret not in admin_client.get(response["Location"]).content.decode(), "shown only once"
    listed = admin_client.get(reverse("webhooks:endpoint_list")).content.decode()
    assert "https://127.0.0.1:9/hooks" in listed and endpoint.secret not in listed


def test_a_private_address_is_refused_on_the_form_with_a_sentence(admin_client, harbor):
    response = admin_client.post(
        reverse("webhooks:endpoint_add"), {"url": "https://10.0.0.5/hooks", "events": [events.STAY_ADMITTED]}
    )
    assert response.status_code == 200
    assert "private network" in response.content.decode()
    with tenant_scope(harbor):
        assert not WebhookEndpoint.objects.exists()


def test_an_admin_edits_sends_a_test_event_rotates_and_turns_off_an_endpoint(admin_client, harbor, monkeypatch):
    monkeypatch.setattr(transport, "check_url", lambda url, resolve=True: None)  # no DNS in tests
    endpoint = make_webhook_endpoint(harbor)
    old_secret = endpoint.secret
    detail = reverse("webhooks:endpoint_detail", args=[endpoint.pk])
    response = admin_client.post(
        reverse("webhooks:endpoint_edit", args=[endpoint.pk]),
        {"url": "https://hooks.example.org/other", "events": [events.INCIDENT_OPENED]},
    )
    assert response.status_code == 302
    assert admin_client.post(reverse("webhooks:endpoint_test", args=[endpoint.pk])).status_code == 302
    assert admin_client.post(reverse("webhooks:endpoint_rotate_secret", args=[endpoint.pk]))["Location"] == detail
    with tenant_scope(harbor):
        endpoint.refresh_from_db()
        assert endpoint.url == "https://hooks.example.org/other" and endpoint.events == [events.INCIDENT_OPENED]
        assert endpoint.previous_secret == old_secret and endpoint.secret != old_secret
        assert WebhookDelivery.objects.get().kind == events.TEST
    page = admin_client.get(detail).content.decode()
    assert endpoint.secret in page and events.TEST in page
    admin_client.post(reverse("webhooks:endpoint_disable", args=[endpoint.pk]))
    with tenant_scope(harbor):
        endpoint.refresh_from_db()
    assert not endpoint.is_active and endpoint.disabled_reason
    admin_client.post(reverse("webhooks:endpoint_enable", args=[endpoint.pk]))
    with tenant_scope(harbor):
        endpoint.refresh_from_db()
    assert endpoint.is_active and not endpoint.disabled_reason


def test_changes_to_an_endpoint_are_audited_without_the_secret(admin_client, harbor, monkeypatch):
    from recovery.audit.models import AuditEvent

    endpoint = make_webhook_endpoint(harbor)
    admin_client.post(reverse("webhooks:endpoint_rotate_secret", args=[endpoint.pk]))
    with tenant_scope(harbor):
        rotated = AuditEvent.objects.filter(object_type="webhooks.webhookendpoint", action="update").get()
    assert "secret" in rotated.changed_fields and endpoint.secret not in json.dumps(rotated.changed_fields)


@pytest.mark.parametrize("role", [Role.HOUSE_MANAGER, Role.STAFF, Role.COACH, Role.RESIDENT])
def test_only_administrators_may_open_the_webhook_pages(client, harbor, role):
    endpoint = make_webhook_endpoint(harbor)
    client.force_login(make_member(harbor, role))
    assert client.get(reverse("webhooks:endpoint_list")).status_code == 403
    assert client.get(reverse("webhooks:endpoint_detail", args=[endpoint.pk])).status_code == 403


def test_another_organizations_endpoint_answers_404(client, harbor, cedar):
    endpoint = make_webhook_endpoint(harbor)
    client.force_login(make_member(cedar, Role.ADMIN))
    assert client.get(reverse("webhooks:endpoint_detail", args=[endpoint.pk])).status_code == 404
    assert client.post(reverse("webhooks:endpoint_test", args=[endpoint.pk])).status_code == 404
    assert endpoint.url not in client.get(reverse("webhooks:endpoint_list")).content.decode()


def test_the_delivery_log_is_paginated(admin_client, harbor):
    endpoint = make_webhook_endpoint(harbor)
    with tenant_scope(harbor):
        for number in range(30):
            services.emit_event(kind=events.STAY_ADMITTED, object_id=number + 1)
    page = admin_client.get(reverse("webhooks:endpoint_detail", args=[endpoint.pk])).content.decode()
    assert "Page 1 of 2" in page

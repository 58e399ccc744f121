"""Web Push as a notification channel: a person turns it on per device, a push carries only the generic nudge (the
lock screen is not private), a device the push service forgot is unsubscribed, and tests stay on the machine."""

from unittest import mock

import pytest
from django.urls import reverse

from recovery.models import Role
from recovery.notifications import push, services, tasks
from recovery.notifications.models import Delivery, PushSubscription
from recovery.tenancy import tenant_scope
from tests.recovery.builders import make_member

pytestmark = pytest.mark.django_db

ENDPOINT = "https://push.example.net/send/abc123"
PUBLIC_KEY = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
DEVICE = {"endpoint": ENDPOINT, "p256dh": "BPublicKeyOfTheBrowser", "auth": "secret-of-the-browser"}


@pytest.fixture
def push_outbox(settings):
    settings.HEARTH_PUSH_BACKEND = "recovery.notifications.push.LocmemPushBackend"
    push.outbox.clear()
    yield push.outbox
    push.outbox.clear()


@pytest.fixture
def no_queue():
    with mock.patch.object(tasks.deliver, "delay") as delay:
        yield delay


@pytest.fixture
def resident(harbor):
    return make_member(harbor, Role.RESIDENT, first_name="Jordan")


def _notify_about_a_drug_test(harbor, resident):
    with tenant_scope(harbor):
        notification = services.notify(
            recipient=resident, kind="drug_test.result", title="Drug test: positive for opiates", url="/residents/5/"
        )
        return notification, list(notification.deliveries.all())


def test_a_resident_turns_push_on_for_a_device_from_their_notification_settings(client, harbor, resident):
    client.force_login(resident)
    response = client.post(reverse("notifications:push_subscription"), DEVICE)
    assert response.status_code == 204
    with tenant_scope(harbor):
        assert PushSubscription.objects.get().user == resident


def test_turning_push_off_removes_only_that_device(client, harbor, resident):
    client.force_login(resident)
    client.post(reverse("notifications:push_subscription"), DEVICE)
    client.post(reverse("notifications:push_subscription"), {**DEVICE, "endpoint": ENDPOINT + "-tablet"})
    response = client.post(reverse("notifications:push_subscription"), {**DEVICE, "action": "unsubscribe"})
    assert response.status_code == 204
    with tenant_scope(harbor):
        assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [ENDPOINT + "-tablet"]


def test_an_incomplete_subscription_is_refused_with_a_sentence_not_a_server_error(client, resident):
    client.force_login(resident)
    response = client.post(reverse("notifications:push_subscription"), {**DEVICE, "endpoint": "http://plain.example"})
    assert response.status_code == 400
    assert "Try" in response.json()["error"]
    assert client.post(reverse("notifications:push_subscription"), {"endpoint": ""}).status_code == 400


def test_a_push_carries_only_the_generic_nudge_when_the_person_subscribed(harbor, resident, push_outbox, no_queue):
    with tenant_scope(harbor):
        services.subscribe_push(user=resident, **DEVICE)
    _notification, deliveries = _notify_about_a_drug_test(harbor, resident)
    push_delivery = next(delivery for delivery in deliveries if delivery.channel == Delivery.Channel.PUSH)
    with tenant_scope(harbor):
        services.send_delivery(delivery_id=push_delivery.pk)
        push_delivery.refresh_from_db()
    assert push_delivery.status == Delivery.Status.SENT
    assert push_outbox == [
        {
            "endpoint": ENDPOINT,
            "payload": {"title": "Hearth", "body": "You have a new message in Hearth.", "url": "/notifications/"},
        }
    ]


def test_no_push_delivery_is_made_when_the_person_has_no_subscribed_device(harbor, resident, no_queue):
    _notification, deliveries = _notify_about_a_drug_test(harbor, resident)
    assert Delivery.Channel.PUSH not in [delivery.channel for delivery in deliveries]


class GoneBackend(push.BasePushBackend):
    def send(self, *, subscription, payload):
        raise push.PushGone


def test_a_device_the_push_service_forgot_is_unsubscribed(harbor, resident, settings, no_queue):
    settings.HEARTH_PUSH_BACKEND = f"{__name__}.GoneBackend"
    with tenant_scope(harbor):
        services.subscribe_push(user=resident, **DEVICE)
    _notification, deliveries = _notify_about_a_drug_test(harbor, resident)
    with tenant_scope(harbor):
        services.send_delivery(delivery_id=deliveries[-1].pk)
        assert not PushSubscription.objects.exists()


def test_the_settings_page_offers_push_only_when_the_site_has_a_vapid_key(client, resident, settings):
    client.force_login(resident)
    settings.HEARTH_VAPID_PUBLIC_KEY = ""
    assert "data-push-key" not in client.get(reverse("notifications:preferences")).content.decode()
    settings.HEARTH_VAPID_PUBLIC_KEY = (
        "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
    )
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert (
        'data-push-key="BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"'
        in page
    )


def test_the_web_push_backend_signs_with_the_sites_vapid_key_and_passes_the_timeout(harbor, resident, settings):
    settings.HEARTH_VAPID_PRIVATE_KEY = "private-key"
    settings.HEARTH_VAPID_SUBJECT = "mailto:ops@example.org"
    with tenant_scope(harbor):
        subscription = services.subscribe_push(user=resident, **DEVICE)
    with mock.patch("pywebpush.webpush") as webpush:
        push.WebPushBackend(timeout=3).send(subscription=subscription, payload=services.push_payload())
    arguments = webpush.call_args.kwargs
    assert arguments["vapid_private_key"] == "private-key" and arguments["timeout"] == 3
    assert arguments["vapid_claims"] == {"sub": "mailto:ops@example.org"}
    assert "opiates" not in arguments["data"]

"""The notification centre: in-app notifications, generic email and SMS nudges, quiet hours, idempotent sending."""

import io
from datetime import UTC, datetime, time
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from recovery.models import Membership, Organization, Role, User
from recovery.notifications import services, sms, tasks
from recovery.notifications.forms import NotificationPreferenceForm
from recovery.notifications.models import Delivery, Notification, NotificationPreference
from recovery.tenancy import ScopeError, scopes_disabled, tenant_scope

NEW_YORK = ZoneInfo("America/New_York")
# 23:00 on a January evening in New York (no daylight saving time to think about).
LATE_EVENING = datetime(2025, 1, 15, 4, 0, tzinfo=UTC)
NOON = datetime(2025, 1, 15, 17, 0, tzinfo=UTC)


@pytest.fixture
def organization(db):
    return Organization.objects.create(name="Harbor House Recovery", slug="harbor", time_zone="America/New_York")


@pytest.fixture
def other_organization(db):
    return Organization.objects.create(name="Lakeside Living", slug="lakeside")


def member(organization, email, *, role=Role.RESIDENT, first_name="", last_name=""):
    user = User.objects.create_user(email=email, password="x", first_name=first_name, last_name=last_name)
    with tenant_scope(organization):
        Membership.objects.create(user=user, role=role)
    return user


@pytest.fixture
def resident(organization):
    return member(organization, "jordan@example.org", first_name="Jordan", last_name="Rivers")


@pytest.fixture
def scope(organization):
    with tenant_scope(organization):
        yield organization


@pytest.fixture
def sms_outbox(settings):
    settings.HEARTH_SMS_BACKEND = "recovery.notifications.sms.LocmemSMSBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def no_queue():
    """Stands in for the broker: records what would be queued, so nothing leaves the test process."""
    with mock.patch.object(tasks.deliver, "delay") as delay:
        yield delay


@pytest.fixture
def eager_celery():
    """Tasks run in this process when queued, as a worker would run them, without a broker."""
    from recovery.celery import app

    with mock.patch.dict(app.conf, {"task_always_eager": True, "task_eager_propagates": True}):
        yield


@pytest.fixture
def failing_email():
    with mock.patch.object(services, "send_mail", side_effect=ConnectionRefusedError("smtp down")) as send_mail:
        yield send_mail


def set_preference(user, **fields):
    preference = services.preference_for(user)
    for name, value in fields.items():
        setattr(preference, name, value)
    preference.save()
    return preference


def notify_sensitive(recipient, **overrides):
    arguments = {
        "recipient": recipient,
        "kind": "drug_test.result",
        "title": "Positive drug test recorded",
        "body": "Your test on Tuesday came back positive for opiates.",
        "url": "/residents/5/",
    }
    return services.notify(**{**arguments, **overrides})


# --- In-app notifications -----------------------------------------------------------------------------------


def test_in_app_notification_is_created_for_the_recipient_when_notified(scope, resident, no_queue):
    notification = notify_sensitive(resident)

    assert Notification.objects.get() == notification
    assert notification.recipient == resident
    assert notification.title == "Positive drug test recorded"
    assert notification.organization == scope
    assert notification.read_at is None


def test_notify_refuses_the_recipient_when_their_membership_is_inactive(scope, resident, no_queue):
    Membership.objects.filter(user=resident).update(is_active=False)

    with pytest.raises(services.RecipientNotAMember, match="not an active member"):
        notify_sensitive(resident)
    assert not Notification.objects.exists()


def test_notify_refuses_the_recipient_when_they_belong_only_to_another_organization(
    scope, other_organization, no_queue
):
    outsider = member(other_organization, "sam@example.org")

    with pytest.raises(services.RecipientNotAMember):
        notify_sensitive(outsider)


def test_notify_refuses_to_run_when_no_tenant_scope_is_active(resident):
    with pytest.raises(ScopeError):
        notify_sensitive(resident)


def test_notify_refuses_a_link_when_it_points_off_site(scope, resident, no_queue):
    with pytest.raises(ValueError, match="path on this site"):
        notify_sensitive(resident, url="//evil.example/phish")


# --- What leaves the app --------------------------------------------------------------------------------------


def test_email_carries_only_the_generic_text_when_a_notification_is_sent(scope, resident, no_queue, settings):
    settings.HEARTH_BASE_URL = "https://hearth.example.org"
    notification = notify_sensitive(resident)

    services.send_delivery(delivery_id=notification.deliveries.get(channel=Delivery.Channel.EMAIL).pk)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jordan@example.org"]
    assert "You have a new message in Hearth" in message.subject
    assert "https://hearth.example.org/notifications/" in message.body
    for secret in ("drug", "Positive", "opiates", "Harbor", "Jordan", "Rivers", "/residents/5/"):
        assert secret.casefold() not in message.subject.casefold()
        assert secret.casefold() not in message.body.casefold()


def test_sms_carries_only_the_generic_text_when_sms_is_enabled(scope, resident, sms_outbox, no_queue):
    set_preference(resident, email_enabled=False, sms_enabled=True, phone_number="+1 (555) 010-0199")
    notification = notify_sensitive(resident)

    services.send_delivery(delivery_id=notification.deliveries.get().pk)

    assert sms_outbox == [
        {"to": "+1 (555) 010-0199", "text": "You have a new message in Hearth. http://127.0.0.1:8000/notifications/"}
    ]
    assert mail.outbox == []


def test_no_delivery_is_made_when_the_person_turned_every_external_channel_off(scope, resident, no_queue):
    set_preference(resident, email_enabled=False)

    notification = notify_sensitive(resident)

    assert not notification.deliveries.exists()
    assert no_queue.call_count == 0


def test_console_sms_backend_masks_the_number_when_it_prints_a_message():
    stream = io.StringIO()

    sms.ConsoleSMSBackend(stream=stream).send(to="+1 555 010 0199", text="You have a new message in Hearth.")

    assert stream.getvalue() == "SMS to *********99: You have a new message in Hearth.\n"


# --- Queuing and sending --------------------------------------------------------------------------------------


def test_due_deliveries_are_queued_when_the_transaction_commits(
    scope, resident, no_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify_sensitive(resident)
        assert no_queue.call_count == 0, "a worker must not look for a row that is not committed yet"

    no_queue.assert_called_once_with(notification.deliveries.get().pk)


def test_email_is_sent_through_the_deliver_task_when_the_notification_commits(
    scope, resident, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify_sensitive(resident)

    assert len(mail.outbox) == 1
    assert notification.deliveries.get().status == Delivery.Status.SENT


def test_delivery_is_sent_once_when_send_delivery_runs_twice(scope, resident, no_queue):
    delivery = notify_sensitive(resident).deliveries.get()

    services.send_delivery(delivery_id=delivery.pk)
    services.send_delivery(delivery_id=delivery.pk)

    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.attempts == 1
    assert delivery.sent_at is not None


class WorkerDied(BaseException):
    """Stands in for a worker killed mid-task: no `except Exception` catches it, nothing after it runs."""


def _stale(settings) -> datetime:
    """A moment when a "sending" row committed at NOON counts as interrupted."""
    from datetime import timedelta

    return NOON + timedelta(seconds=settings.HEARTH_DELIVERY_SENDING_STALE_SECONDS + 1)


def test_sending_is_committed_before_the_provider_is_called(scope, resident, no_queue):
    delivery = notify_sensitive(resident, now=NOON).deliveries.get()
    seen = []

    def provider(**kwargs):
        seen.append(Delivery.objects.values_list("status", "sending_at").get(pk=delivery.pk))

    with mock.patch.object(services, "send_mail", side_effect=provider):
        services.send_delivery(delivery_id=delivery.pk, now=NOON)

    assert seen == [(Delivery.Status.SENDING, NOON)]


def test_email_is_not_sent_twice_when_the_worker_dies_after_sending_and_before_marking_it_sent(
    scope, resident, no_queue, settings
):
    delivery = notify_sensitive(resident, now=NOON).deliveries.get()

    def send_then_die(**kwargs):
        mail.outbox.append(kwargs)  # the provider took it...
        raise WorkerDied  # ...and the worker was killed before it could record so

    with mock.patch.object(services, "send_mail", side_effect=send_then_die), pytest.raises(WorkerDied):
        services.send_delivery(delivery_id=delivery.pk, now=NOON)
    services.send_delivery(delivery_id=delivery.pk, now=NOON)  # redelivered at once: someone may be sending
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENDING
    with (
        mock.patch.object(tasks.deliver, "delay") as queued,
        mock.patch.object(tasks.timezone, "now", return_value=_stale(settings)),
    ):
        tasks.dispatch_due_deliveries()
    assert [call.args for call in queued.call_args_list] == [(delivery.pk,)]
    services.send_delivery(delivery_id=delivery.pk, now=_stale(settings))
    services.send_delivery(delivery_id=delivery.pk, now=_stale(settings))

    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.sent_at) == (Delivery.Status.UNKNOWN, 1, None)


def test_email_is_not_resent_when_the_worker_dies_between_committing_sending_and_the_send(
    scope, resident, no_queue, settings
):
    delivery = notify_sensitive(resident, now=NOON).deliveries.get()

    with mock.patch.object(services, "send_mail", side_effect=WorkerDied), pytest.raises(WorkerDied):
        services.send_delivery(delivery_id=delivery.pk, now=NOON)
    services.send_delivery(delivery_id=delivery.pk, now=_stale(settings))

    assert mail.outbox == []  # at most once: it may be lost, and "unknown" says someone should check
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.UNKNOWN


def test_email_that_timed_out_is_marked_unknown_and_not_retried(scope, resident, no_queue):
    delivery = notify_sensitive(resident, now=NOON).deliveries.get()

    timing_out = mock.patch.object(services, "send_mail", side_effect=TimeoutError("timed out"))
    with timing_out, pytest.raises(services.DeliveryFailed) as failure:
        services.send_delivery(delivery_id=delivery.pk, now=NOON)
    services.send_delivery(delivery_id=delivery.pk, now=NOON)

    assert failure.value.retry_at is None and mail.outbox == []
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.UNKNOWN, 1)


class IdempotentSMSBackend(sms.LocmemSMSBackend):
    """A provider that drops a second message with the same key."""

    idempotent = True

    def send(self, *, to, text, key=None):
        sms.outbox.append({"to": to, "text": text, "key": key})


def test_an_interrupted_sms_is_sent_again_with_the_same_key_when_the_backend_is_idempotent(
    scope, resident, no_queue, settings, sms_outbox
):
    settings.HEARTH_SMS_BACKEND = f"{__name__}.IdempotentSMSBackend"
    set_preference(resident, email_enabled=False, sms_enabled=True, phone_number="+1 555 010 0199")
    delivery = notify_sensitive(resident, now=NOON).deliveries.get()

    with mock.patch.object(sms, "send_sms", side_effect=WorkerDied), pytest.raises(WorkerDied):
        services.send_delivery(delivery_id=delivery.pk, now=NOON)
    services.send_delivery(delivery_id=delivery.pk, now=NOON)  # not stale yet: left to the worker sending it
    assert sms_outbox == []
    services.send_delivery(delivery_id=delivery.pk, now=_stale(settings))
    services.send_delivery(delivery_id=delivery.pk, now=_stale(settings))

    assert [message["key"] for message in sms_outbox] == [f"hearth-delivery-{delivery.pk}"]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 2)


def test_an_interrupted_sms_is_marked_unknown_when_the_backend_takes_no_key(
    scope, resident, no_queue, settings, sms_outbox
):
    set_preference(resident, email_enabled=False, sms_enabled=True, phone_number="+1 555 010 0199")
    delivery = notify_sensitive(resident, now=NOON).deliveries.get()

    with mock.patch.object(sms, "send_sms", side_effect=WorkerDied), pytest.raises(WorkerDied):
        services.send_delivery(delivery_id=delivery.pk, now=NOON)
    services.send_delivery(delivery_id=delivery.pk, now=_stale(settings))

    assert sms_outbox == []
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.UNKNOWN


def test_second_delivery_for_the_same_channel_is_refused_when_one_exists(scope, resident, no_queue):
    delivery = notify_sensitive(resident).deliveries.get()

    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(notification=delivery.notification, channel=delivery.channel)


def test_delivery_is_skipped_when_the_person_turns_the_channel_off_before_it_is_sent(scope, resident, no_queue):
    delivery = notify_sensitive(resident).deliveries.get()
    set_preference(resident, email_enabled=False)

    services.send_delivery(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SKIPPED
    assert mail.outbox == []


def test_delivery_is_skipped_when_the_person_left_the_organization_before_it_is_sent(scope, resident, no_queue):
    delivery = notify_sensitive(resident).deliveries.get()
    Membership.objects.filter(user=resident).update(is_active=False)

    services.send_delivery(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SKIPPED
    assert mail.outbox == []


def test_failed_send_counts_the_attempt_and_waits_before_retrying_when_the_provider_fails(
    scope, resident, no_queue, failing_email
):
    delivery = notify_sensitive(resident, now=NOON).deliveries.get()

    with pytest.raises(services.DeliveryFailed) as failure:
        services.send_delivery(delivery_id=delivery.pk, now=NOON)

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.attempts == 1
    assert delivery.deliver_after == failure.value.retry_at > NOON
    assert "jordan" not in str(failure.value)


def test_delivery_is_marked_failed_when_the_last_attempt_fails(scope, resident, no_queue, failing_email):
    delivery = notify_sensitive(resident, now=NOON).deliveries.get()
    Delivery.objects.filter(pk=delivery.pk).update(attempts=services.MAX_ATTEMPTS - 1)

    with pytest.raises(services.DeliveryFailed) as failure:
        services.send_delivery(delivery_id=delivery.pk, now=NOON)

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert failure.value.retry_at is None


def test_deliver_task_asks_celery_to_retry_when_sending_fails(scope, resident, no_queue, failing_email):
    delivery = notify_sensitive(resident).deliveries.get()

    with (
        mock.patch.object(tasks.deliver, "retry", side_effect=RuntimeError("retry requested")) as retry,
        pytest.raises(RuntimeError, match="retry requested"),
    ):
        tasks.deliver(delivery.pk)

    assert 0 < retry.call_args.kwargs["countdown"] <= 60


# --- Quiet hours --------------------------------------------------------------------------------------------


def test_external_delivery_waits_until_quiet_hours_end_when_notified_during_them(scope, resident, no_queue):
    set_preference(resident, quiet_hours_start=time(22, 0), quiet_hours_end=time(7, 0))

    notification = notify_sensitive(resident, now=LATE_EVENING)

    assert Notification.objects.filter(pk=notification.pk, read_at__isnull=True).exists(), "in-app is immediate"
    delivery = notification.deliveries.get()
    assert delivery.deliver_after == datetime(2025, 1, 15, 7, 0, tzinfo=NEW_YORK)
    services.send_delivery(delivery_id=delivery.pk, now=LATE_EVENING)
    assert mail.outbox == [], "not before the quiet hours end"


def test_deferred_delivery_is_not_queued_at_once_when_notified_during_quiet_hours(
    scope, resident, no_queue, django_capture_on_commit_callbacks
):
    set_preference(resident, quiet_hours_start=time(22, 0), quiet_hours_end=time(7, 0))

    with django_capture_on_commit_callbacks(execute=True):
        notify_sensitive(resident, now=LATE_EVENING)

    assert no_queue.call_count == 0


def test_urgent_notification_goes_out_at_once_when_sent_during_quiet_hours(scope, resident, no_queue):
    set_preference(resident, quiet_hours_start=time(22, 0), quiet_hours_end=time(7, 0))

    notification = notify_sensitive(resident, urgent=True, now=LATE_EVENING)

    assert notification.deliveries.get().deliver_after == LATE_EVENING


def test_delivery_goes_out_at_once_when_notified_outside_quiet_hours(scope, resident, no_queue):
    set_preference(resident, quiet_hours_start=time(22, 0), quiet_hours_end=time(7, 0))

    notification = notify_sensitive(resident, now=NOON)

    assert notification.deliveries.get().deliver_after == NOON


@pytest.mark.parametrize(
    ("local_now", "expected_end"),
    [
        (datetime(2025, 1, 14, 23, 30), datetime(2025, 1, 15, 7, 0)),  # before midnight: ends tomorrow
        (datetime(2025, 1, 15, 3, 0), datetime(2025, 1, 15, 7, 0)),  # after midnight: ends today
        (datetime(2025, 1, 15, 22, 0), datetime(2025, 1, 16, 7, 0)),  # the first minute counts
        (datetime(2025, 1, 15, 7, 0), None),  # the end does not
        (datetime(2025, 1, 15, 12, 0), None),
    ],
)
def test_quiet_hours_window_works_when_it_wraps_midnight(local_now, expected_end):
    end = services.end_of_quiet_hours(
        start=time(22, 0), end=time(7, 0), now=local_now.replace(tzinfo=NEW_YORK), time_zone=NEW_YORK
    )

    assert end == (expected_end.replace(tzinfo=NEW_YORK) if expected_end else None)


@pytest.mark.parametrize(
    ("local_now", "inside"),
    [(datetime(2025, 1, 15, 13, 0), True), (datetime(2025, 1, 15, 12, 59), False), (datetime(2025, 1, 15, 15), False)],
)
def test_quiet_hours_window_works_when_it_lies_within_one_day(local_now, inside):
    end = services.end_of_quiet_hours(
        start=time(13, 0), end=time(15, 0), now=local_now.replace(tzinfo=NEW_YORK), time_zone=NEW_YORK
    )

    assert (end == datetime(2025, 1, 15, 15, 0, tzinfo=NEW_YORK)) is inside


def test_quiet_hours_follow_the_organizations_time_zone_when_it_is_not_utc(scope, resident, no_queue):
    scope.time_zone = ZoneInfo("America/Los_Angeles")
    set_preference(resident, quiet_hours_start=time(22, 0), quiet_hours_end=time(7, 0))

    # 23:00 in New York is 20:00 in Los Angeles: not quiet there yet.
    notification = notify_sensitive(resident, now=LATE_EVENING)

    assert notification.deliveries.get().deliver_after == LATE_EVENING


# --- The periodic dispatcher ------------------------------------------------------------------------------------


def test_dispatcher_queues_deferred_deliveries_when_their_quiet_hours_are_over(scope, resident):
    set_preference(resident, quiet_hours_start=time(22, 0), quiet_hours_end=time(7, 0))
    with mock.patch.object(tasks.deliver, "delay"):
        overdue = notify_sensitive(resident, now=LATE_EVENING).deliveries.get()
        notify_sensitive(resident, now=datetime(2099, 1, 15, 4, 0, tzinfo=UTC))  # quiet until 2099
        sent = notify_sensitive(resident, now=NOON).deliveries.get()
    services.send_delivery(delivery_id=sent.pk)

    with mock.patch.object(tasks.deliver, "delay") as delay:
        queued = tasks.dispatch_due_deliveries()

    assert queued == 1
    delay.assert_called_once_with(overdue.pk)


def test_deferred_delivery_is_sent_once_when_the_dispatcher_queues_it_twice(scope, resident):
    set_preference(resident, quiet_hours_start=time(22, 0), quiet_hours_end=time(7, 0))
    with mock.patch.object(tasks.deliver, "delay"):
        delivery = notify_sensitive(resident, now=LATE_EVENING).deliveries.get()

    # Two dispatcher runs before any worker gets to it: the same delivery is queued twice.
    with mock.patch.object(tasks.deliver, "delay") as delay:
        tasks.dispatch_due_deliveries()
        tasks.dispatch_due_deliveries()
    assert [call.args for call in delay.call_args_list] == [(delivery.pk,), (delivery.pk,)]
    results = [tasks.deliver(*call.args) for call in delay.call_args_list]

    assert results == ["sent", "sent"]
    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 1)


def test_dispatcher_finds_deliveries_of_every_organization_when_run_outside_a_scope(organization, other_organization):
    residents = [member(organization, "a@example.org"), member(other_organization, "b@example.org")]
    for person, organization_ in zip(residents, (organization, other_organization), strict=True):
        with tenant_scope(organization_), mock.patch.object(tasks.deliver, "delay"):
            notify_sensitive(person)

    with mock.patch.object(tasks.deliver, "delay") as delay:
        assert tasks.dispatch_due_deliveries() == 2

    with scopes_disabled():
        assert {call.args[0] for call in delay.call_args_list} == set(Delivery.objects.values_list("pk", flat=True))


# --- Reading, marking read ---------------------------------------------------------------------------------------


def test_mark_all_read_marks_only_this_persons_notifications_when_called(scope, resident, no_queue):
    housemate = member(scope, "alex@example.org")
    mine = [notify_sensitive(resident), notify_sensitive(resident)]
    theirs = notify_sensitive(housemate)

    assert services.mark_all_read(user=resident) == 2

    assert all(Notification.objects.get(pk=n.pk).read_at for n in mine)
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_mark_read_refuses_when_the_notification_is_someone_elses(scope, resident, no_queue):
    housemate = member(scope, "alex@example.org")
    notification = notify_sensitive(resident)

    with pytest.raises(services.NotYourNotification):
        services.mark_read(notification=notification, user=housemate)


# --- Pages ---------------------------------------------------------------------------------------------------


def create_notification(organization, recipient, **fields):
    """Straight to the table: lets a test plant what `notify()` would refuse (an off-site link)."""
    with tenant_scope(organization):
        return Notification.objects.create(recipient=recipient, kind="test", title=fields.pop("title", "Hi"), **fields)


def test_inbox_lists_only_the_persons_own_notifications_when_they_visit(client, organization, resident):
    housemate = member(organization, "alex@example.org")
    create_notification(organization, resident, title="Your chore changed")
    create_notification(organization, housemate, title="House meeting moved")
    client.force_login(resident)

    response = client.get(reverse("notifications:inbox"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Your chore changed" in html
    assert "House meeting moved" not in html
    assert "1 new" in html


def test_inbox_is_paginated_when_a_person_has_many_notifications(client, organization, resident):
    for number in range(30):
        create_notification(organization, resident, title=f"Notice {number}")
    client.force_login(resident)

    first = client.get(reverse("notifications:inbox"))
    second = client.get(reverse("notifications:inbox"), {"page": 2})

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5
    assert "Page 1 of 2" in first.content.decode()


def test_inbox_sends_a_visitor_to_sign_in_when_they_are_signed_out(client, db):
    response = client.get(reverse("notifications:inbox"))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_opening_a_notification_marks_it_read_and_follows_its_link_when_it_is_the_persons_own(
    client, organization, resident
):
    notification = create_notification(organization, resident, url="/residents/5/")
    client.force_login(resident)

    response = client.post(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == "/residents/5/"
    with tenant_scope(organization):
        assert Notification.objects.get(pk=notification.pk).read_at is not None


@pytest.mark.parametrize("url", ["//evil.example/", "https://evil.example/", "/\\evil.example", ""])
def test_opening_a_notification_leads_to_the_inbox_when_its_link_is_not_a_path_on_this_site(
    client, organization, resident, url
):
    notification = create_notification(organization, resident, url=url)
    client.force_login(resident)

    response = client.post(reverse("notifications:open", args=[notification.pk]))

    assert response["Location"] == reverse("notifications:inbox")


def test_opening_a_notification_is_refused_when_asked_with_get(client, organization, resident):
    notification = create_notification(organization, resident)
    client.force_login(resident)

    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 405


def test_person_cannot_open_a_notification_when_it_is_another_persons(client, organization, resident):
    housemate = member(organization, "alex@example.org")
    notification = create_notification(organization, housemate)
    client.force_login(resident)

    response = client.post(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 404
    with tenant_scope(organization):
        assert Notification.objects.get(pk=notification.pk).read_at is None


def test_person_cannot_open_a_notification_when_it_belongs_to_another_organization(
    client, organization, other_organization, resident
):
    # The same person in both organizations, signed in to the first: the second's notification is out of reach.
    with tenant_scope(other_organization):
        Membership.objects.create(user=resident, role=Role.RESIDENT)
    notification = create_notification(other_organization, resident)
    client.force_login(resident)
    session = client.session
    session["hearth_organization_id"] = organization.pk
    session.save()

    response = client.post(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 404


def test_mark_all_read_page_marks_everything_read_when_posted(client, organization, resident):
    create_notification(organization, resident)
    create_notification(organization, resident)
    client.force_login(resident)

    response = client.post(reverse("notifications:mark_all_read"), follow=True)

    assert "All your notifications are marked as read." in response.content.decode()
    with tenant_scope(organization):
        assert not Notification.objects.filter(read_at__isnull=True).exists()


# --- Preferences -------------------------------------------------------------------------------------------------


def test_preferences_form_rejects_sms_when_no_phone_number_is_given(db):
    form = NotificationPreferenceForm(data={"email_enabled": "on", "sms_enabled": "on", "phone_number": ""})

    assert not form.is_valid()
    assert form.errors["phone_number"] == ["Add a mobile phone number to get text messages, or turn text messages off."]


@pytest.mark.parametrize("phone_number", ["555", "call me maybe", "+1 555 010 0199 ext 4", "1" * 21])
def test_preferences_form_rejects_a_phone_number_when_it_is_not_one(db, phone_number):
    form = NotificationPreferenceForm(data={"sms_enabled": "on", "phone_number": phone_number})

    assert not form.is_valid()
    assert "Enter a phone number of 7 to 20 digits" in form.errors["phone_number"][0]


def test_preferences_form_rejects_quiet_hours_when_only_one_end_is_given(db):
    form = NotificationPreferenceForm(data={"email_enabled": "on", "quiet_hours_start": "22:00"})

    assert not form.is_valid()
    assert form.errors["quiet_hours_end"] == [
        "Quiet hours need both a start and an end time. Fill in both, or clear both."
    ]


def test_preferences_page_saves_the_choices_when_posted(client, organization, resident):
    client.force_login(resident)

    response = client.post(
        reverse("notifications:preferences"),
        {
            "sms_enabled": "on",
            "phone_number": " +1 (555) 010-0199 ",
            "quiet_hours_start": "22:00",
            "quiet_hours_end": "07:00",
        },
        follow=True,
    )

    assert "Your notification settings are saved." in response.content.decode()
    with tenant_scope(organization):
        preference = NotificationPreference.objects.get(user=resident)
    assert (preference.email_enabled, preference.sms_enabled) == (False, True)
    assert preference.phone_number == "+1 (555) 010-0199"
    assert (preference.quiet_hours_start, preference.quiet_hours_end) == (time(22, 0), time(7, 0))


def test_preferences_page_shows_the_problem_next_to_the_field_when_sms_has_no_phone(client, organization, resident):
    client.force_login(resident)

    response = client.post(reverse("notifications:preferences"), {"sms_enabled": "on"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Add a mobile phone number to get text messages" in html
    assert 'aria-invalid="true"' in html
    with tenant_scope(organization):
        assert not NotificationPreference.objects.exists()


def test_preferences_page_labels_every_input_when_shown(client, organization, resident):
    client.force_login(resident)

    html = client.get(reverse("notifications:preferences")).content.decode()

    for field in ("email_enabled", "sms_enabled", "phone_number", "quiet_hours_start", "quiet_hours_end"):
        assert f'for="id_{field}"' in html and f'id="id_{field}"' in html
    assert "style=" not in html and "<script>" not in html


def test_database_refuses_sms_without_a_phone_number_when_saved_directly(scope, resident):
    with pytest.raises(IntegrityError), transaction.atomic():
        NotificationPreference.objects.create(user=resident, sms_enabled=True, phone_number="")


def test_database_refuses_half_a_quiet_hours_window_when_saved_directly(scope, resident):
    with pytest.raises(IntegrityError), transaction.atomic():
        NotificationPreference.objects.create(user=resident, quiet_hours_start=time(22, 0))


def test_database_refuses_a_second_preference_when_the_person_has_one_in_the_organization(scope, resident):
    NotificationPreference.objects.create(user=resident)

    with pytest.raises(IntegrityError), transaction.atomic():
        NotificationPreference.objects.create(user=resident)

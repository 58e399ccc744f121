"""Incidents: anyone reports one; a critical one alerts the org's admins and the home's managers exactly once, with
a title that names no one, and opens a red-flag review; confidential reporters stay hidden from residents;
follow-up actions remind their owner once; resolution closes the incident."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.incidents import services as incident_services
from governance.incidents.models import IncidentReview
from governance.incidents.tasks import remind_action
from recovery.models import Role
from recovery.notifications.models import Notification
from tests.clock import house_today
from tests.governance.builders import make_incident
from tests.recovery.builders import make_member
from tests.residences.builders import home_of_stay, manager_of, resident_stay

pytestmark = pytest.mark.django_db


def notifications(org, kind):
    from recovery.tenancy import tenant_scope

    with tenant_scope(org):
        return list(Notification.objects.filter(kind=kind))


def test_critical_incident_notifies_admins_and_the_homes_managers_exactly_once(harbor, in_scope):
    stay = resident_stay(harbor, last_name="Okafor")
    home = home_of_stay(stay)
    admin = make_member(harbor, Role.ADMIN)
    manager = manager_of(home)
    other_manager = make_member(harbor, Role.HOUSE_MANAGER)  # looks after no home of this incident

    incident = make_incident(harbor, severity="critical", stay=stay, text="Okafor fell in the kitchen")
    with in_scope(harbor):
        assert incident_services.alert_critical(incident=incident) == 0  # a second alert sends nothing

    sent = notifications(harbor, "incident.critical")
    assert sorted(n.recipient_id for n in sent) == sorted([admin.pk, manager.pk])
    assert other_manager.pk not in {n.recipient_id for n in sent}
    for notification in sent:
        assert "Okafor" not in notification.title and "kitchen" not in notification.title
        assert notification.urgent


def test_critical_incident_opens_a_red_flag_review(harbor, in_scope):
    incident = make_incident(harbor, severity="critical")
    with in_scope(harbor):
        assert IncidentReview.objects.filter(incident=incident).count() == 1


def test_low_incident_notifies_no_one_when_it_is_not_critical(harbor):
    make_member(harbor, Role.ADMIN)
    make_incident(harbor, severity="low")
    assert notifications(harbor, "incident.critical") == []


def test_a_resident_reports_an_incident_in_their_home(client, harbor, in_scope):
    stay = resident_stay(harbor)
    client.force_login(stay.resident.user)
    home = home_of_stay(stay)
    response = client.post(
        reverse("governance:incident_new"),
        {
            "residence": home.pk,
            "kind": "theft",
            "severity": "medium",
            "occurred_at": (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "description": "My phone charger is gone",
            "involved": [],
            "witnesses": [],
        },
    )
    assert response.status_code == 302
    with in_scope(harbor):
        incident = home.incidents.get()
    assert incident.reported_by == stay.resident.user
    assert client.get(reverse("governance:incident_detail", args=[incident.pk])).status_code == 200


def test_confidential_reporter_is_hidden_from_residents_and_shown_to_the_homes_manager(client, harbor):
    reporter = resident_stay(harbor)
    home = home_of_stay(reporter)
    housemate = resident_stay(harbor, residence=home)
    manager = manager_of(home)
    reporter.resident.user.first_name, reporter.resident.user.last_name = "Quinn", "Confidential"
    reporter.resident.user.save()
    incident = make_incident(harbor, stay=reporter, confidential=True, text="Someone is using in the garage")

    client.force_login(housemate.resident.user)
    # The housemate cannot open the incident, but may call a red-flag review on it, which shows no reporter.
    assert client.get(reverse("governance:incident_detail", args=[incident.pk])).status_code == 403
    review_page = client.get(reverse("governance:incident_review", args=[incident.pk]))
    assert review_page.status_code == 200
    assert "Quinn" not in review_page.content.decode()
    assert client.post(reverse("governance:incident_review", args=[incident.pk])).status_code == 302

    client.force_login(manager)
    page = client.get(reverse("governance:incident_detail", args=[incident.pk])).content.decode()
    assert "Quinn Confidential" in page and "(confidential)" in page


def test_a_resident_of_another_home_cannot_call_a_review(client, harbor):
    incident = make_incident(harbor)
    outsider = resident_stay(harbor)
    client.force_login(outsider.resident.user)
    assert client.post(reverse("governance:incident_review", args=[incident.pk])).status_code == 403


def test_follow_up_action_reminds_its_owner_once_when_due(harbor, in_scope):
    owner = make_member(harbor, Role.HOUSE_MANAGER)
    incident = make_incident(harbor)
    with in_scope(harbor):
        action = incident_services.add_action(
            incident=incident, description="Fix the lock", owner=owner, due_on=house_today()
        )
    later = (house_today() + timedelta(days=1)).isoformat()
    assert remind_action(action.pk, on=later) is True
    assert remind_action(action.pk, on=later) is False
    assert len(notifications(harbor, "incident.action_due")) == 1


def test_follow_up_action_waits_until_its_due_date(harbor, in_scope):
    owner = make_member(harbor, Role.HOUSE_MANAGER)
    incident = make_incident(harbor)
    with in_scope(harbor):
        action = incident_services.add_action(
            incident=incident,
            description="Call the landlord",
            owner=owner,
            due_on=house_today() + timedelta(days=3),
        )
    assert remind_action(action.pk, on=house_today().isoformat()) is False


def test_resolving_closes_the_incident_and_needs_a_resolution(client, harbor, in_scope):
    stay = resident_stay(harbor)
    manager = manager_of(home_of_stay(stay))
    incident = make_incident(harbor, stay=stay)
    client.force_login(manager)
    url = reverse("governance:incident_detail", args=[incident.pk])
    assert client.post(url, {"step": "resolve", "resolve-resolution": ""}).status_code == 200
    assert client.post(url, {"step": "resolve", "resolve-resolution": "Talked it through"}).status_code == 302
    with in_scope(harbor):
        incident.refresh_from_db()
    assert not incident.is_open and incident.resolution == "Talked it through"


def test_dashboard_queries_do_not_grow_with_incidents(client, harbor):
    stay = resident_stay(harbor)
    home = home_of_stay(stay)
    manager = manager_of(home)
    client.force_login(manager)
    url = reverse("governance:accountability")

    def count():
        client.get(url)  # warm the session and caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    make_incident(harbor, stay=stay)
    few = count()
    for _ in range(4):
        make_incident(harbor, stay=resident_stay(harbor, residence=home), severity="high")
    assert count() == few


def test_raising_an_incident_to_critical_alerts_once_however_often_it_is_raised(client, harbor, in_scope):
    stay = resident_stay(harbor)
    manager = manager_of(home_of_stay(stay))
    incident = make_incident(harbor, stay=stay, severity="medium")
    client.force_login(manager)
    url = reverse("governance:incident_detail", args=[incident.pk])
    for severity in ("critical", "high", "critical"):
        assert client.post(url, {"step": "severity", "severity-severity": severity}).status_code == 302
    assert [n.recipient_id for n in notifications(harbor, "incident.critical")] == [manager.pk]
    with in_scope(harbor):
        assert IncidentReview.objects.filter(incident=incident).count() == 1


def test_a_resident_without_a_home_gets_the_report_form_not_an_error(client, harbor):
    client.force_login(make_member(harbor, Role.RESIDENT))
    assert client.get(reverse("governance:incident_new")).status_code == 200


def test_the_report_form_preselects_the_home_when_the_reporter_has_only_one(client, harbor):
    stay = resident_stay(harbor)
    client.force_login(stay.resident.user)
    page = client.get(reverse("governance:incident_new")).content.decode()
    home = home_of_stay(stay)
    assert f'<option value="{home.pk}" selected>' in page
    assert "---------" not in page.split('name="residence"')[1].split("</select>")[0]

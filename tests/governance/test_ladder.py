"""The consequence ladder: each home's default steps, the next step suggested from the resident's history, the rule
versions noted, the resident's statement and appeal (routed to the admins and the home's managers), and the
resident's own page, whose queries do not grow with their history."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.ladder import selectors as ladder_selectors
from governance.ladder import services as ladder_services
from governance.ladder.models import DEFAULT_LADDER, AppealStatus
from recovery.models import Role
from recovery.notifications.models import Notification
from recovery.tenancy import tenant_scope
from residences.house_rules import services as house_rules
from tests.clock import house_today
from tests.governance.builders import make_violation
from tests.recovery.builders import make_member
from tests.residences.builders import home_of_stay, manager_of, resident_stay

pytestmark = pytest.mark.django_db


def test_a_new_home_starts_with_the_six_default_steps_and_reading_them_writes_nothing(harbor, in_scope):
    home = home_of_stay(resident_stay(harbor))
    with in_scope(harbor), CaptureQueriesContext(connection) as captured:
        steps = ladder_services.ladder_of(home)
    assert [step.name for step in steps] == [name for name, _ in DEFAULT_LADDER]
    assert len(captured.captured_queries) == 1


def test_a_home_whose_steps_are_gone_gets_a_clear_message_instead_of_a_suggested_step(client, harbor, in_scope):
    stay = resident_stay(harbor)
    home = home_of_stay(stay)
    with in_scope(harbor):
        home.consequence_steps.all().delete()
    client.force_login(manager_of(home))
    response = client.get(reverse("governance:violation_new", kwargs={"resident_pk": stay.resident_id}))
    assert response.status_code == 200
    assert "ladder has no steps yet" in response.content.decode()


def test_next_step_is_suggested_from_the_residents_history(harbor, in_scope):
    stay = resident_stay(harbor)
    first = make_violation(harbor, stay=stay, text="Quiet hours")
    second = make_violation(harbor, stay=stay, text="Quiet hours")
    with in_scope(harbor):
        assert (first.step.position, second.step.position) == (1, 2)
        assert second.suggested_step == second.step


def test_an_overturned_violation_does_not_count_toward_the_next_step(harbor, in_scope):
    stay = resident_stay(harbor)
    admin = make_member(harbor, Role.ADMIN)
    first = make_violation(harbor, stay=stay)
    with in_scope(harbor):
        ladder_services.appeal(violation=first, reason="I was at work then")
        ladder_services.decide_appeal(violation=first, status=AppealStatus.OVERTURNED, outcome="Timesheet", by=admin)
        next_step = ladder_services.suggest_next_step(resident=stay.resident, residence=home_of_stay(stay))
    assert next_step.position == 1


def test_violation_notes_the_rule_version_in_force_and_the_one_acknowledged(harbor, in_scope):
    stay = resident_stay(harbor)
    home = home_of_stay(stay)
    with in_scope(harbor):
        version = house_rules.publish_rule_version(
            residence=home, text="No guests after 10 pm.", effective_on=house_today() - timedelta(days=10)
        )
        house_rules.acknowledge_rules(
            rule_version=version, resident=stay.resident, typed_name=stay.resident.display_name
        )
    violation = make_violation(harbor, stay=stay)
    assert violation.rule_version == version and violation.acknowledged_version == version


def test_record_violation_is_callable_by_other_parts_with_a_source(harbor, in_scope):
    stay = resident_stay(harbor)
    with in_scope(harbor):
        violation = ladder_services.record_violation(
            resident=stay.resident,
            residence=home_of_stay(stay),
            rule="Chores",
            evidence="Kitchen not cleaned",
            occurred_on=house_today(),
            by=None,
            source="chore",
        )
        assert violation.source == "chore" and violation.step.position == 1
        assert Notification.objects.filter(recipient=stay.resident.user, kind="violation.recorded").count() == 1


def test_resident_adds_a_statement_and_appeals_which_goes_to_admin_and_manager(client, harbor, in_scope):
    stay = resident_stay(harbor)
    admin = make_member(harbor, Role.ADMIN)
    manager = manager_of(home_of_stay(stay))
    violation = make_violation(harbor, stay=stay)
    url = reverse("governance:violation_detail", args=[violation.pk])
    client.force_login(stay.resident.user)
    assert client.post(url, {"step": "statement", "statement-statement": "I was late from work"}).status_code == 302
    assert client.post(url, {"step": "appeal", "appeal-reason": "My boss kept me"}).status_code == 302
    # The resident cannot decide their own appeal.
    assert (
        client.post(url, {"step": "decide", "decision-status": "overturned", "decision-outcome": "x"}).status_code
        == 403
    )
    with in_scope(harbor):
        violation.refresh_from_db()
        appeals = Notification.objects.filter(kind="request.appeal.waiting")
        appeal_notices = set(appeals.values_list("recipient", flat=True))
    assert violation.resident_statement == "I was late from work" and violation.appeal_status == "pending"
    assert appeal_notices == {admin.pk, manager.pk}

    client.force_login(manager)
    response = client.post(url, {"step": "decide", "decision-status": "upheld", "decision-outcome": "Curfew stands"})
    assert response.status_code == 302
    with in_scope(harbor):
        violation.refresh_from_db()
    assert violation.appeal_status == "upheld" and violation.appeal_decided_by == manager


def test_a_manager_of_another_home_cannot_decide_the_appeal(client, harbor, in_scope):
    stay = resident_stay(harbor)
    violation = make_violation(harbor, stay=stay)
    with in_scope(harbor):
        ladder_services.appeal(violation=violation, reason="Not me")
    elsewhere = manager_of(home_of_stay(resident_stay(harbor)))
    client.force_login(elsewhere)
    url = reverse("governance:violation_detail", args=[violation.pk])
    assert client.get(url).status_code == 403


def test_a_resident_reads_their_homes_ladder_but_cannot_change_it(client, harbor):
    stay = resident_stay(harbor)
    client.force_login(stay.resident.user)
    url = reverse("governance:ladder", args=[home_of_stay(stay).pk])
    assert "Behaviour contract" in client.get(url).content.decode()
    assert client.post(url, {"name": "Extra"}).status_code == 403


def test_a_resident_cannot_read_another_residents_violation(client, harbor):
    violation = make_violation(harbor)
    client.force_login(resident_stay(harbor).resident.user)
    assert client.get(reverse("governance:violation_detail", args=[violation.pk])).status_code == 403


def test_manager_records_a_violation_with_the_suggested_step(client, harbor, in_scope):
    stay = resident_stay(harbor)
    manager = manager_of(home_of_stay(stay))
    client.force_login(manager)
    url = reverse("governance:violation_new", args=[stay.resident.pk])
    page = client.get(url)
    assert "Reminder" in page.content.decode()
    step = page.context["suggested"]
    response = client.post(
        url,
        {
            "rule": "Curfew",
            "occurred_on": house_today().isoformat(),
            "evidence": "Came in at 1 am",
            "step": step.pk,
        },
    )
    assert response.status_code == 302
    with in_scope(harbor):
        assert stay.resident.violations.get().step == step


def test_my_history_and_my_page_queries_do_not_grow_with_history(client, harbor, in_scope):
    stay = resident_stay(harbor)
    client.force_login(stay.resident.user)
    url = reverse("governance:my_accountability")

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    make_violation(harbor, stay=stay)
    few = count()
    for _ in range(4):
        make_violation(harbor, stay=stay)
    assert count() == few
    with tenant_scope(harbor):
        history = ladder_selectors.my_history(stay.resident)
    assert len(history["violations"]) == 5 and len(history["steps"]) == 6

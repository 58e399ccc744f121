"""Grievances and mediations: a grievance goes to the admins and the home's managers, or to the admins alone when it
is about the house manager (who then cannot find it); the response date is reminded once; mediations are seen by
their parties and the home's people."""

from datetime import timedelta

import pytest
from django.urls import reverse

from governance.grievances import services as grievance_services
from governance.grievances.tasks import remind_grievance
from recovery.models import Role
from recovery.notifications.models import Notification
from tests.clock import house_today
from tests.governance.builders import make_grievance
from tests.recovery.builders import make_member
from tests.residences.builders import home_of_stay, manager_of, resident_stay

pytestmark = pytest.mark.django_db


def recipients(org, in_scope, kind):
    with in_scope(org):
        return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def test_a_resident_files_a_grievance_that_goes_to_the_manager_and_admins(client, harbor, in_scope):
    stay = resident_stay(harbor)
    admin = make_member(harbor, Role.ADMIN)
    manager = manager_of(home_of_stay(stay))
    client.force_login(stay.resident.user)
    response = client.post(reverse("governance:grievance_new"), {"subject": "Chore rota", "details": "Always me"})
    assert response.status_code == 302
    assert recipients(harbor, in_scope, "request.grievance.waiting") == {admin.pk, manager.pk}
    with in_scope(harbor):
        grievance = stay.resident.grievances.get()
    assert grievance.route == "house"
    assert grievance.response_due_on == house_today() + timedelta(days=grievance_services.RESPONSE_DAYS)


def test_a_grievance_about_the_house_manager_goes_to_admins_and_the_manager_cannot_see_it(client, harbor, in_scope):
    stay = resident_stay(harbor)
    admin = make_member(harbor, Role.ADMIN)
    manager = manager_of(home_of_stay(stay))
    grievance = make_grievance(harbor, stay=stay, about_house_manager=True, text="The manager shouts")
    assert grievance.route == "admins"
    assert recipients(harbor, in_scope, "request.grievance.waiting") == {admin.pk}

    client.force_login(manager)
    assert client.get(reverse("governance:grievance_detail", args=[grievance.pk])).status_code == 403
    assert "The manager shouts" not in client.get(reverse("governance:grievance_list")).content.decode()
    assert "The manager shouts" not in client.get(reverse("governance:accountability")).content.decode()

    client.force_login(admin)
    assert "The manager shouts" in client.get(reverse("governance:accountability")).content.decode()
    url = reverse("governance:grievance_detail", args=[grievance.pk])
    assert client.post(url, {"response": "We will meet this week", "outcome": "Meeting set"}).status_code == 302
    with in_scope(harbor):
        grievance.refresh_from_db()
    assert grievance.closed_at is not None and grievance.responded_by == admin


def test_the_database_refuses_a_grievance_about_the_manager_routed_to_the_house(harbor, in_scope):
    from django.db import IntegrityError

    grievance = make_grievance(harbor)
    with in_scope(harbor), pytest.raises(IntegrityError):
        grievance.about_house_manager = True
        grievance.save()


def test_grievance_response_due_is_reminded_once(harbor, in_scope):
    stay = resident_stay(harbor)
    manager = manager_of(home_of_stay(stay))
    grievance = make_grievance(harbor, stay=stay)
    assert remind_grievance(grievance.pk, on=house_today().isoformat()) == 0  # not due yet
    due = grievance.response_due_on.isoformat()
    assert remind_grievance(grievance.pk, on=due) == 1
    assert remind_grievance(grievance.pk, on=due) == 0
    assert recipients(harbor, in_scope, "grievance.due") == {manager.pk}


def test_another_resident_cannot_read_a_grievance(client, harbor):
    grievance = make_grievance(harbor)
    client.force_login(resident_stay(harbor).resident.user)
    assert client.get(reverse("governance:grievance_detail", args=[grievance.pk])).status_code == 403


def test_a_mediation_is_recorded_and_seen_by_its_parties_only(client, harbor, in_scope):
    first = resident_stay(harbor)
    home = home_of_stay(first)
    second, outsider = resident_stay(harbor, residence=home), resident_stay(harbor, residence=home)
    manager = manager_of(home)
    client.force_login(manager)
    response = client.post(
        reverse("governance:mediation_new", args=[home.pk]),
        {
            "parties": [first.resident.pk, second.resident.pk],
            "issue": "Noise at night",
            "facilitator_name": "Pat",
            "held_on": house_today().isoformat(),
            "agreement": "Quiet after 10",
            "follow_up_on": (house_today() + timedelta(days=14)).isoformat(),
        },
    )
    assert response.status_code == 302
    with in_scope(harbor):
        mediation = home.mediations.get()
    url = reverse("governance:mediation_detail", args=[mediation.pk])
    client.force_login(first.resident.user)
    assert "Quiet after 10" in client.get(url).content.decode()
    client.force_login(outsider.resident.user)
    assert client.get(url).status_code == 403


def test_a_mediation_needs_two_people(harbor, in_scope):
    stay = resident_stay(harbor)
    with in_scope(harbor), pytest.raises(grievance_services.GrievanceProblem):
        grievance_services.record_mediation(
            residence=home_of_stay(stay), parties=[stay.resident], issue="x", held_on=house_today(), by=None
        )


def test_the_grievance_list_queries_do_not_grow_with_grievances(client, harbor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    stay = resident_stay(harbor)
    home = home_of_stay(stay)
    client.force_login(manager_of(home))
    url = reverse("governance:grievance_list")

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    make_grievance(harbor, stay=stay)
    few = count()
    for _ in range(4):
        make_grievance(harbor, stay=resident_stay(harbor, residence=home))
    assert count() == few

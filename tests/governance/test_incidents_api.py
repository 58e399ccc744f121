"""The incidents API: anyone reports one naming only the homes and residents the report page offers them, incidents
are read per role (the people who look after the home and whose role sees incidents; the reporter their own), another
organization's is not found, and every incident read is audited."""

from datetime import timedelta

import pytest
from django.utils import timezone

from governance.incidents.models import Incident
from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.tenancy import tenant_scope
from tests.api.builders import make_token, member_client, token_client
from tests.clock import house_today
from tests.governance.builders import make_incident
from tests.residences.builders import admit, home_of_stay, make_home, manager_of, resident_with_login

pytestmark = pytest.mark.django_db
URL = "/api/v1/incidents/"


def client_of(user, org):
    return token_client(make_token(user, org))


def report(home, **fields):
    return {
        "residence": home.pk,
        "kind": "conflict",
        "severity": "low",
        "occurred_at": (timezone.now() - timedelta(hours=1)).isoformat(),
        "description": "A shouting match in the kitchen.",
        **fields,
    }


def test_a_resident_reports_an_incident_in_their_home_naming_a_housemate(harbor):
    home = make_home(harbor)
    _stay, user = resident_with_login(home, move_in=house_today() - timedelta(days=5))
    housemate = admit(home, first_name="Kim", move_in=house_today() - timedelta(days=5)).resident
    answer = client_of(user, harbor).post(URL, report(home, involved=[housemate.pk]), format="json")
    assert answer.status_code == 201, answer.content
    assert (answer.json()["reported_by"], answer.json()["involved"]) == (user.pk, [housemate.pk])
    with tenant_scope(harbor):
        assert Incident.objects.get(pk=answer.json()["id"]).reported_by == user


def test_a_report_naming_another_home_or_a_resident_not_offered_is_refused(harbor):
    home, other = make_home(harbor), make_home(harbor)
    _stay, user = resident_with_login(home, move_in=house_today() - timedelta(days=5))
    stranger = admit(other).resident
    client = client_of(user, harbor)
    assert "residence" in client.post(URL, report(other), format="json").json()["errors"]
    assert "witnesses" in client.post(URL, report(home, witnesses=[stranger.pk]), format="json").json()["errors"]
    with tenant_scope(harbor):
        assert not Incident.objects.exists()


def test_a_report_in_the_future_is_refused_with_the_services_sentence(harbor):
    home = make_home(harbor)
    _admin, client = member_client(harbor, Role.ADMIN)
    later = (timezone.now() + timedelta(days=1)).isoformat()
    answer = client.post(URL, report(home, occurred_at=later), format="json")
    assert answer.status_code == 422
    assert "in the future" in answer.json()["detail"]


def test_incidents_are_listed_per_role_as_on_the_incident_pages(harbor):
    home, other = make_home(harbor), make_home(harbor)
    stay = admit(home)
    ours = make_incident(harbor, stay=stay)
    theirs = make_incident(harbor, stay=admit(other))
    manager = manager_of(home)
    _coach, coach_client = member_client(harbor, Role.COACH)
    assert [row["id"] for row in client_of(manager, harbor).get(URL).json()["results"]] == [ours.pk]
    assert client_of(manager, harbor).get(f"{URL}{theirs.pk}/").status_code == 403
    assert coach_client.get(URL).json()["results"] == []  # a coach's role does not see the incidents class
    assert coach_client.get(f"{URL}{ours.pk}/").status_code == 403


def test_a_resident_lists_the_incidents_they_reported_only(harbor):
    home = make_home(harbor)
    stay, user = resident_with_login(home, move_in=house_today() - timedelta(days=5))
    mine = make_incident(harbor, stay=stay, by=user)
    make_incident(harbor, stay=admit(home, first_name="Kim"))
    assert [row["id"] for row in client_of(user, harbor).get(URL).json()["results"]] == [mine.pk]


def test_another_organizations_incident_answers_404(harbor, cedar):
    incident = make_incident(harbor)
    _admin, client = member_client(cedar, Role.ADMIN)
    assert client.get(f"{URL}{incident.pk}/").status_code == 404


def test_reading_an_incident_writes_a_view_event_with_its_id(harbor):
    stay = admit(make_home(harbor))
    incident = make_incident(harbor, stay=stay)
    admin, client = member_client(harbor, Role.ADMIN)
    assert client.get(f"{URL}{incident.pk}/").status_code == 200
    with tenant_scope(harbor):
        viewed = AuditEvent.objects.filter(
            action=AuditEvent.Action.VIEW, object_type="governance.incident", actor=admin
        ).values_list("object_id", flat=True)
        assert list(viewed) == [str(incident.pk)]
    assert home_of_stay(stay).pk == incident.residence_id

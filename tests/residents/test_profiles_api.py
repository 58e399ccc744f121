"""The residents API, minimum necessary: who lists whom, who opens whose record, the parts only the keepers of the
record see (date of birth, justice details; the officer only under a consent), another organization's resident not
found, and every resident read audited."""

from datetime import date

import pytest

from peer_support.mentorships import services as mentor_services
from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.tenancy import organization_today, tenant_scope
from tests.api.builders import make_token, member_client, token_client
from tests.recovery.builders import make_coach
from tests.residences.builders import admit, make_home, manager_of, resident_with_login
from tests.residents.builders import make_consent

pytestmark = pytest.mark.django_db
URL = "/api/v1/residents/"


def client_of(user, org):
    return token_client(make_token(user, org))


def with_profile(resident, **fields):
    with tenant_scope(resident.organization):
        for name, value in fields.items():
            setattr(resident, name, value)
        resident.save()
    return resident


def test_a_house_manager_lists_the_people_living_in_their_homes_only(harbor):
    mine, other = make_home(harbor), make_home(harbor)
    manager = manager_of(mine)
    here, _there = admit(mine).resident, admit(other).resident
    assert [row["id"] for row in client_of(manager, harbor).get(URL).json()["results"]] == [here.pk]


@pytest.mark.parametrize("role", [Role.COACH, Role.RESIDENT])
def test_people_who_keep_no_records_are_refused_the_residents_list(harbor, role):
    admit(make_home(harbor))
    _user, client = member_client(harbor, role)
    assert client.get(URL).status_code == 403


def test_a_resident_opens_their_own_record_and_no_one_elses(harbor):
    home = make_home(harbor)
    stay, user = resident_with_login(home)
    other = admit(home, first_name="Kim").resident
    client = client_of(user, harbor)
    assert client.get(f"{URL}{stay.resident_id}/").status_code == 200
    assert client.get(f"{URL}{other.pk}/").status_code == 403


def test_the_keeper_of_the_record_sees_the_date_of_birth_and_justice_details_and_the_officer_under_a_consent(harbor):
    home = make_home(harbor)
    resident = with_profile(
        admit(home).resident,
        date_of_birth=date(1990, 5, 17),
        justice_involvement="probation",
        justice_officer_name="Dana Cole",
        justice_officer_contact="555-0142",
    )
    manager = manager_of(home)
    body = client_of(manager, harbor).get(f"{URL}{resident.pk}/").json()
    assert body["date_of_birth"] == "1990-05-17"
    assert body["justice"] == {"involvement": "probation", "officer_name": None, "officer_contact": None}
    make_consent(harbor, resident=resident)
    body = client_of(manager, harbor).get(f"{URL}{resident.pk}/").json()
    assert body["justice"]["officer_name"] == "Dana Cole"


def test_a_coach_opens_a_mentees_record_without_the_parts_kept_from_mentors(harbor):
    home = make_home(harbor)
    resident = with_profile(
        admit(home).resident, date_of_birth=date(1990, 5, 17), justice_involvement="parole", phone="555-0100"
    )
    coach_user, coach = make_coach(harbor)
    client = client_of(coach_user, harbor)
    assert client.get(f"{URL}{resident.pk}/").status_code == 403
    with tenant_scope(harbor):
        mentor_services.start_mentorship(mentee=resident, coach=coach, on=organization_today(), by=None)
    body = client.get(f"{URL}{resident.pk}/").json()
    assert (body["phone"], body["date_of_birth"], body["justice"]) == ("555-0100", None, None)


def test_a_resident_reading_their_own_record_sees_their_date_of_birth_but_no_justice_details(harbor):
    stay, user = resident_with_login(make_home(harbor))
    with_profile(stay.resident, date_of_birth=date(1990, 5, 17), justice_involvement="probation")
    body = client_of(user, harbor).get(f"{URL}{stay.resident_id}/").json()
    assert (body["date_of_birth"], body["justice"]) == ("1990-05-17", None)


def test_another_organizations_resident_answers_404(harbor, cedar):
    resident = admit(make_home(harbor)).resident
    _admin, client = member_client(cedar, Role.ADMIN)
    assert client.get(f"{URL}{resident.pk}/").status_code == 404
    assert client.get(URL).json()["results"] == []


def test_opening_a_record_writes_a_view_event_naming_the_resident_under_the_tokens_person(harbor):
    resident = admit(make_home(harbor)).resident
    admin, client = member_client(harbor, Role.ADMIN)
    assert client.get(f"{URL}{resident.pk}/").status_code == 200
    with tenant_scope(harbor):
        event = AuditEvent.objects.get(action=AuditEvent.Action.VIEW, object_type="residents.resident", actor=admin)
    assert (event.object_id, event.resident_id) == (str(resident.pk), resident.pk)

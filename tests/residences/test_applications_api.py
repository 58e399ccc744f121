"""The applications API: a referral partner's application is received as the public form's is, intake reads the
waitlist by role, another organization's application is not found, and every application read is audited."""

from datetime import timedelta

import pytest

from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.notifications.models import Notification
from recovery.tenancy import organization_today, tenant_scope
from residences.models import Application, ApplicationStatus
from tests.api.builders import make_token, member_client, token_client
from tests.recovery.builders import make_member
from tests.residences.builders import make_home, manager_of

pytestmark = pytest.mark.django_db
URL = "/api/v1/applications/"


def applicant(org, *, residence=None, last_name="Rivera"):
    with tenant_scope(org):
        return Application.objects.create(
            first_name="Sam", last_name=last_name, email="sam@example.org", residence=residence
        )


def client_of(user, org):
    return token_client(make_token(user, org))


def test_an_application_sent_by_a_referral_partner_is_received_and_intake_is_told(harbor):
    home = make_home(harbor)
    admin, client = member_client(harbor, Role.ADMIN)
    answer = client.post(
        URL,
        {"first_name": "Jo", "last_name": "Banks", "phone": "555-0100", "residence": home.pk, "on_mat": True},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["status"] == ApplicationStatus.NEW
    with tenant_scope(harbor):
        application = Application.objects.get(pk=answer.json()["id"])
        assert (application.residence, application.on_mat, application.phone) == (home, True, "555-0100")
        told = Notification.objects.get(recipient=admin)
    assert "Jo" not in told.title  # as from the public form: the notice names no applicant


def test_an_application_without_an_email_or_a_phone_is_refused_as_a_problem_naming_the_field(harbor):
    _admin, client = member_client(harbor, Role.ADMIN)
    answer = client.post(URL, {"first_name": "Jo", "last_name": "Banks", "on_mat": False}, format="json")
    assert answer.status_code == 400
    assert answer["Content-Type"].startswith("application/problem+json")
    assert "email" in answer.json()["errors"]
    with tenant_scope(harbor):
        assert not Application.objects.exists()


def test_a_hoped_move_in_in_the_past_is_refused_as_the_public_form_refuses_it(harbor):
    _admin, client = member_client(harbor, Role.ADMIN)
    with tenant_scope(harbor):
        yesterday = organization_today() - timedelta(days=1)
    answer = client.post(
        URL,
        {
            "first_name": "Jo",
            "last_name": "Banks",
            "email": "jo@example.org",
            "on_mat": False,
            "hoped_move_in": str(yesterday),
        },
        format="json",
    )
    assert answer.status_code == 400
    assert "hoped_move_in" in answer.json()["errors"]


def test_another_organizations_home_is_refused_in_a_new_application(harbor, cedar):
    elsewhere = make_home(cedar)
    _admin, client = member_client(harbor, Role.ADMIN)
    answer = client.post(
        URL,
        {
            "first_name": "Jo",
            "last_name": "Banks",
            "email": "jo@example.org",
            "on_mat": False,
            "residence": elsewhere.pk,
        },
        format="json",
    )
    assert answer.status_code == 400
    assert "residence" in answer.json()["errors"]


def test_a_house_manager_lists_their_homes_applications_and_those_naming_no_home_when_reading_the_waitlist(harbor):
    mine, other = make_home(harbor), make_home(harbor)
    manager = manager_of(mine)
    for_mine, for_any, for_other = (
        applicant(harbor, residence=mine),
        applicant(harbor),
        applicant(harbor, residence=other),
    )
    listed = {row["id"] for row in client_of(manager, harbor).get(URL).json()["results"]}
    assert listed == {for_mine.pk, for_any.pk}
    assert client_of(manager, harbor).get(f"{URL}{for_other.pk}/").status_code == 403


@pytest.mark.parametrize("role", [Role.COACH, Role.RESIDENT])
def test_people_who_do_no_intake_are_refused_the_waitlist_and_sending_applications(harbor, role):
    applicant(harbor)
    _user, client = member_client(harbor, role)
    assert client.get(URL).status_code == 403
    answer = client.post(URL, {"first_name": "Jo", "last_name": "B", "email": "j@example.org", "on_mat": False})
    assert answer.status_code == 403


def test_another_organizations_application_answers_404(harbor, cedar):
    theirs = applicant(harbor)
    _admin, client = member_client(cedar, Role.ADMIN)
    assert client.get(f"{URL}{theirs.pk}/").status_code == 404
    assert theirs.pk not in {row["id"] for row in client.get(URL).json()["results"]}


def test_reading_the_waitlist_writes_a_view_event_per_application_returned_under_the_tokens_person(harbor):
    first, second = applicant(harbor), applicant(harbor, last_name="Cole")
    staff = make_member(harbor, Role.STAFF)
    answer = client_of(staff, harbor).get(URL)
    assert answer.status_code == 200
    with tenant_scope(harbor):
        viewed = set(
            AuditEvent.objects.filter(
                action=AuditEvent.Action.VIEW, object_type="residences.application", actor=staff
            ).values_list("object_id", flat=True)
        )
    assert viewed == {str(first.pk), str(second.pk)}


def test_an_application_is_read_with_its_status_once_it_moves_along(harbor):
    application = applicant(harbor)
    with tenant_scope(harbor):
        application.status = ApplicationStatus.SCREENING
        application.save()
    _admin, client = member_client(harbor, Role.ADMIN)
    answer = client.get(f"{URL}{application.pk}/")
    assert (answer.status_code, answer.json()["status"]) == (200, "screening")
    assert answer.json()["stay"] is None

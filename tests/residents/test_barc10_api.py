"""The BARC-10 API: an assessment is a sensitive class, read only by the resident and by people who look after them in
a role that sees assessments (a house manager's does not); another organization's is not found; reads are audited."""

from datetime import date

import pytest

from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.tenancy import tenant_scope
from residents.barc10.models import Barc10Assessment
from tests.api.builders import make_token, member_client, token_client
from tests.residences.builders import admit, make_home, manager_of, resident_with_login

pytestmark = pytest.mark.django_db
URL = "/api/v1/barc10/"


def client_of(user, org):
    return token_client(make_token(user, org))


def assessment_of(stay, answer=4):
    with tenant_scope(stay.organization):
        return Barc10Assessment.objects.create(
            resident=stay.resident,
            stay=stay,
            taken_on=date(2026, 11, 5),
            total=answer * 10,
            **{f"item_{n}": answer for n in range(1, 11)},
        )


def test_staff_read_a_residents_assessments_with_their_answers_in_order(harbor):
    assessment = assessment_of(admit(make_home(harbor)))
    _staff, client = member_client(harbor, Role.STAFF)
    listed = client.get(URL, {"resident": assessment.resident_id}).json()["results"]
    assert [(row["id"], row["answers"], row["total"]) for row in listed] == [(assessment.pk, [4] * 10, 40)]


def test_a_house_manager_is_refused_assessments_because_their_role_does_not_see_the_class(harbor):
    home = make_home(harbor)
    assessment = assessment_of(admit(home))
    client = client_of(manager_of(home), harbor)
    assert client.get(URL, {"resident": assessment.resident_id}).status_code == 403
    assert client.get(f"{URL}{assessment.pk}/").status_code == 403


def test_a_resident_reads_their_own_assessments_and_no_one_elses(harbor):
    home = make_home(harbor)
    stay, user = resident_with_login(home)
    mine, theirs = assessment_of(stay), assessment_of(admit(home, first_name="Kim"))
    client = client_of(user, harbor)
    assert [row["id"] for row in client.get(URL).json()["results"]] == [mine.pk]
    assert client.get(f"{URL}{theirs.pk}/").status_code == 403


def test_another_organizations_assessment_answers_404(harbor, cedar):
    assessment = assessment_of(admit(make_home(harbor)))
    _admin, client = member_client(cedar, Role.ADMIN)
    assert client.get(f"{URL}{assessment.pk}/").status_code == 404
    assert client.get(URL, {"resident": assessment.resident_id}).status_code == 404


def test_reading_assessments_writes_a_view_event_per_assessment_returned(harbor):
    assessment = assessment_of(admit(make_home(harbor)))
    admin, client = member_client(harbor, Role.ADMIN)
    assert client.get(URL, {"resident": assessment.resident_id}).status_code == 200
    with tenant_scope(harbor):
        event = AuditEvent.objects.get(
            action=AuditEvent.Action.VIEW, object_type="residents.barc10assessment", actor=admin
        )
    assert (event.object_id, event.resident_id) == (str(assessment.pk), assessment.resident_id)

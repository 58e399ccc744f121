"""The stays API: admit, transfer and move out through the stay services (the same rows as the pages make), a
domain refusal as a problem with its sentence, lost updates refused by If-Match, stays read per role, another
organization's stay not found, and every stay read audited."""

from datetime import date, timedelta

import pytest

from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.tenancy import organization_today, tenant_scope
from residences.models import Application, ApplicationStatus, BedAssignment, Stay
from tests.api.builders import make_token, member_client, token_client
from tests.residences.builders import admit, beds_of, make_home, manager_of

pytestmark = pytest.mark.django_db
URL = "/api/v1/stays/"


def today_of(org) -> date:
    with tenant_scope(org):
        return organization_today()


def applicant(org):
    with tenant_scope(org):
        return Application.objects.create(first_name="Sam", last_name="Rivera", email="sam@example.org")


def client_of(user, org):
    return token_client(make_token(user, org))


def test_admitting_through_the_api_makes_the_resident_the_stay_and_the_bed_as_the_admit_wizard_does(harbor):
    home = make_home(harbor)
    bed = beds_of(home)[0]
    application = applicant(harbor)
    _admin, client = member_client(harbor, Role.ADMIN)
    move_in = today_of(harbor)
    answer = client.post(URL, {"application": application.pk, "bed": bed.pk, "move_in": str(move_in)}, format="json")
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert answer["ETag"]
    with tenant_scope(harbor):
        stay = Stay.objects.select_related("application", "resident").get(pk=body["id"])
        assert stay.application.status == ApplicationStatus.ACCEPTED
        assert stay.application.resident == stay.resident
        assert (stay.resident.first_name, stay.move_in) == ("Sam", move_in)
        assert BedAssignment.objects.get(stay=stay).bed == bed
    assert body["beds"] == [{"bed": bed.pk, "residence": home.pk, "starts_on": str(move_in), "ends_on": None}]


def test_a_taken_bed_is_refused_as_unprocessable_with_the_services_sentence_and_nothing_is_made(harbor):
    home = make_home(harbor, beds=("A",))
    admit(home, move_in=today_of(harbor))
    application = applicant(harbor)
    _admin, client = member_client(harbor, Role.ADMIN)
    answer = client.post(
        URL,
        {"application": application.pk, "bed": beds_of(home)[0].pk, "move_in": str(today_of(harbor))},
        format="json",
    )
    assert answer.status_code == 422
    assert answer["Content-Type"].startswith("application/problem+json")
    assert "is taken or reserved" in answer.json()["detail"]
    with tenant_scope(harbor):
        assert Stay.objects.count() == 1


def test_a_move_in_months_ago_is_refused_as_the_admit_wizard_refuses_it(harbor):
    home = make_home(harbor)
    _admin, client = member_client(harbor, Role.ADMIN)
    long_ago = today_of(harbor) - timedelta(days=90)
    answer = client.post(
        URL, {"application": applicant(harbor).pk, "bed": beds_of(home)[0].pk, "move_in": str(long_ago)}, format="json"
    )
    assert answer.status_code == 400
    assert "move_in" in answer.json()["errors"]


def test_a_transfer_needs_the_stays_etag_and_is_refused_when_the_stay_changed_since_it_was_read(harbor):
    home = make_home(harbor, beds=("A", "B", "C"))
    stay = admit(home, move_in=today_of(harbor) - timedelta(days=10))
    _a, to_b, to_c = beds_of(home)
    _admin, client = member_client(harbor, Role.ADMIN)
    url = f"{URL}{stay.pk}/transfer/"
    read = client.get(f"{URL}{stay.pk}/")
    etag = read["ETag"]
    body = {"bed": to_b.pk, "on": str(today_of(harbor))}
    assert client.post(url, body, format="json").status_code == 428
    moved = client.post(url, body, format="json", HTTP_IF_MATCH=etag)
    assert moved.status_code == 200, moved.content
    assert moved["ETag"] != etag
    assert [stretch["bed"] for stretch in moved.json()["beds"]] == [beds_of(home)[0].pk, to_b.pk]
    stale = client.post(url, {"bed": to_c.pk, "on": str(today_of(harbor))}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    with tenant_scope(harbor):
        assert BedAssignment.objects.filter(stay=stay, ends_on__isnull=True).get().bed == to_b


def test_a_move_out_through_the_api_ends_the_stay_and_frees_the_bed_as_the_move_out_page_does(harbor):
    home = make_home(harbor, beds=("A",))
    stay = admit(home, move_in=today_of(harbor) - timedelta(days=10))
    _admin, client = member_client(harbor, Role.ADMIN)
    etag = client.get(f"{URL}{stay.pk}/")["ETag"]
    answer = client.post(
        f"{URL}{stay.pk}/move-out/",
        {"on": str(today_of(harbor)), "reason": "completed", "destination": "Own flat"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert answer.status_code == 200, answer.content
    assert (answer.json()["move_out"], answer.json()["has_ended"]) == (str(today_of(harbor)), True)
    with tenant_scope(harbor):
        stay.refresh_from_db()
        assert (stay.discharge_reason, stay.destination) == ("completed", "Own flat")
        assert BedAssignment.objects.get(stay=stay).ends_on == today_of(harbor)
    again = client.post(
        f"{URL}{stay.pk}/move-out/",
        {"on": str(today_of(harbor)), "reason": "completed"},
        format="json",
        HTTP_IF_MATCH="*",
    )
    assert again.status_code == 422
    assert "already ended" in again.json()["detail"]


def test_a_house_manager_reads_the_stays_of_their_homes_only(harbor):
    mine, other = make_home(harbor), make_home(harbor)
    manager = manager_of(mine)
    here, there = admit(mine), admit(other)
    client = client_of(manager, harbor)
    assert {row["id"] for row in client.get(URL).json()["results"]} == {here.pk}
    assert client.get(f"{URL}{there.pk}/").status_code == 403
    refused = client.post(f"{URL}{there.pk}/move-out/", {"on": "2026-12-01", "reason": "other"}, HTTP_IF_MATCH="*")
    assert refused.status_code == 403
    with tenant_scope(harbor):
        assert Stay.objects.get(pk=there.pk).move_out is None


@pytest.mark.parametrize("role", [Role.COACH, Role.RESIDENT])
def test_people_who_run_no_home_are_refused_stays(harbor, role):
    stay = admit(make_home(harbor))
    _user, client = member_client(harbor, role)
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}{stay.pk}/").status_code == 403


def test_another_organizations_stay_answers_404_to_reads_and_changes(harbor, cedar):
    home = make_home(harbor)
    stay = admit(home)
    _admin, client = member_client(cedar, Role.ADMIN)
    assert client.get(f"{URL}{stay.pk}/").status_code == 404
    moved = client.post(f"{URL}{stay.pk}/move-out/", {"on": "2026-12-01", "reason": "other"}, HTTP_IF_MATCH="*")
    assert moved.status_code == 404
    assert client.get(URL).json()["results"] == []


def test_an_admission_naming_another_organizations_application_or_bed_answers_404(harbor, cedar):
    theirs_home = make_home(harbor)
    mine_home = make_home(cedar)
    _admin, client = member_client(cedar, Role.ADMIN)
    on = str(today_of(cedar))
    foreign_application = client.post(
        URL, {"application": applicant(harbor).pk, "bed": beds_of(mine_home)[0].pk, "move_in": on}, format="json"
    )
    foreign_bed = client.post(
        URL, {"application": applicant(cedar).pk, "bed": beds_of(theirs_home)[0].pk, "move_in": on}, format="json"
    )
    assert (foreign_application.status_code, foreign_bed.status_code) == (404, 404)


def test_reading_stays_writes_a_view_event_per_stay_returned_naming_its_resident(harbor):
    stay = admit(make_home(harbor))
    admin, client = member_client(harbor, Role.ADMIN)
    assert client.get(URL).status_code == 200
    with tenant_scope(harbor):
        event = AuditEvent.objects.get(action=AuditEvent.Action.VIEW, object_type="residences.stay", actor=admin)
    assert (event.object_id, event.resident_id) == (str(stay.pk), stay.resident_id)

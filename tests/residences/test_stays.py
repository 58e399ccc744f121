"""Stays: transfers keep history, move-outs free the bed, and no bed is ever double-booked."""

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from recovery.models import Role
from recovery.tenancy import organization_today, tenant_scope
from residences.models import BedAssignment, Stay
from residences.stays import services
from residents.models import Resident
from tests.recovery.builders import make_member
from tests.residences.builders import admit, beds_of, make_home, manager_of

pytestmark = pytest.mark.django_db


def test_admission_creates_the_resident_the_stay_and_the_bed_assignment(harbor):
    home = make_home(harbor)
    stay = admit(home, move_in=date(2026, 11, 2), first_name="Jamie")
    with tenant_scope(harbor):
        stay = Stay.objects.select_related("resident", "application").get(pk=stay.pk)
        assert stay.resident.first_name == "Jamie"
        assert stay.application.status == "accepted" and stay.application.resident_id == stay.resident_id
        assert stay.bed_assignments.get().starts_on == date(2026, 11, 2)


def test_a_taken_bed_is_refused_with_a_clear_message_and_leaves_nothing_behind(harbor):
    home = make_home(harbor)
    bed = beds_of(home)[0]
    admit(home, bed)
    with pytest.raises(services.BedNotAvailable, match="taken or reserved"):
        admit(home, bed, first_name="Second")
    with tenant_scope(harbor):
        assert Stay.objects.count() == 1
        from residents.models import Resident

        assert Resident.objects.count() == 1


def test_a_transfer_ends_the_old_stretch_and_keeps_it(harbor):
    home = make_home(harbor)
    first, second = beds_of(home)
    stay = admit(home, first, move_in=date(2026, 10, 1))
    with tenant_scope(harbor):
        services.transfer(stay=stay, bed=second, on=date(2026, 10, 15))
        stretches = list(stay.bed_assignments.order_by("starts_on").values_list("bed_id", "starts_on", "ends_on"))
    assert stretches == [(first.pk, date(2026, 10, 1), date(2026, 10, 15)), (second.pk, date(2026, 10, 15), None)]


def test_the_old_bed_is_free_again_after_a_transfer(harbor):
    home = make_home(harbor)
    first, second = beds_of(home)
    stay = admit(home, first, move_in=date(2026, 10, 1))
    with tenant_scope(harbor):
        services.transfer(stay=stay, bed=second, on=date(2026, 10, 15))
    admit(home, first, move_in=date(2026, 10, 15), first_name="Next")


def test_a_move_out_records_the_reason_and_frees_the_bed(harbor):
    home = make_home(harbor)
    bed = beds_of(home)[0]
    stay = admit(home, bed, move_in=date(2026, 9, 1))
    with tenant_scope(harbor):
        services.move_out(stay=stay, on=date(2026, 11, 1), reason="completed", destination="Own apartment")
        stay.refresh_from_db()
    assert (stay.move_out, stay.discharge_reason) == (date(2026, 11, 1), "completed")
    admit(home, bed, move_in=date(2026, 11, 1), first_name="Next")


def test_a_move_out_before_the_move_in_is_refused(harbor):
    home = make_home(harbor)
    stay = admit(home, move_in=date(2026, 9, 1))
    with tenant_scope(harbor), pytest.raises(services.StayProblem, match="cannot be before the move-in"):
        services.move_out(stay=stay, on=date(2026, 8, 1), reason="other")


def test_the_move_out_page_records_a_move_out(client, harbor):
    home = make_home(harbor)
    stay = admit(home, move_in=date(2026, 9, 1))
    client.force_login(make_member(harbor, Role.ADMIN))
    response = client.post(f"/stays/{stay.pk}/move-out/", {"on": "2026-11-03", "reason": "left_voluntarily"})
    assert response.status_code == 302
    response = client.post(f"/stays/{stay.pk}/move-out/", {"on": "2026-11-03", "reason": "left_voluntarily"})
    assert "already ended" in response.content.decode()


def test_the_database_refuses_an_overlapping_stretch_in_one_bed_on_postgresql(harbor):
    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint is PostgreSQL's; CI runs PostgreSQL")
    home = make_home(harbor)
    bed = beds_of(home)[0]
    first = admit(home, bed, move_in=date(2026, 10, 1))
    second = admit(home, beds_of(home)[1], move_in=date(2026, 10, 1), first_name="Other")
    with tenant_scope(harbor), pytest.raises(IntegrityError, match="bed_never_double_booked"), transaction.atomic():
        # Bypasses the service on purpose: the database itself must say no.
        BedAssignment.objects.create(stay=second, bed=bed, starts_on=date(2026, 10, 20))
    assert first


def test_one_open_stay_per_resident_is_a_database_rule(harbor):
    home = make_home(harbor)
    stay = admit(home)
    with tenant_scope(harbor), pytest.raises(IntegrityError), transaction.atomic():
        Stay.objects.create(resident=stay.resident, move_in=date(2026, 11, 5))


def test_a_resident_sees_their_own_house(client, harbor):
    home = make_home(harbor, name="Willow House")
    stay = admit(home, move_in=date(2026, 1, 1))
    user = make_member(harbor, Role.RESIDENT)
    with tenant_scope(harbor):
        stay.resident.user = user
        stay.resident.save()
    client.force_login(user)
    html = client.get("/my-house/").content.decode()
    assert "Willow House" in html and "Room 1" in html


# --- Adding a resident directly (no application) --------------------------------------------------------------


def test_adding_a_resident_directly_creates_the_resident_the_stay_and_the_bed(harbor):
    home = make_home(harbor, beds=("A",))
    with tenant_scope(harbor):
        stay = services.admit_resident(
            first_name=" Sam ", last_name="Okafor", phone="555 0100", bed=beds_of(home)[0], move_in=date(2026, 11, 2)
        )
        assert (stay.resident.first_name, stay.resident.phone, stay.application) == ("Sam", "555 0100", None)
        assert stay.bed_assignments.get().bed == beds_of(home)[0]


def test_adding_a_resident_to_a_taken_bed_is_refused_and_leaves_nothing_behind(harbor):
    home = make_home(harbor, beds=("A",))
    admit(home, move_in=date(2026, 11, 1))
    with tenant_scope(harbor):
        with pytest.raises(services.BedNotAvailable):
            services.admit_resident(
                first_name="Sam", last_name="Okafor", bed=beds_of(home)[0], move_in=date(2026, 11, 2)
            )
        assert not Resident.objects.filter(last_name="Okafor").exists()


def test_the_add_a_resident_page_admits_and_leads_to_the_welcome_page(client, harbor):
    home = make_home(harbor, name="Maple House", beds=("A",))
    client.force_login(manager_of(home))
    today = organization_today(harbor)
    page = client.get("/residents/new/").content.decode()
    assert "Maple House · Room 1 · A" in page
    response = client.post(
        "/residents/new/",
        {"first_name": "Sam", "last_name": "Okafor", "bed": beds_of(home)[0].pk, "move_in": today.isoformat()},
    )
    with tenant_scope(harbor):
        resident = Resident.objects.get(last_name="Okafor")
    assert response.status_code == 302 and response.url == f"/residents/{resident.pk}/welcome/"


def test_the_add_a_resident_page_refuses_a_bed_of_a_home_the_manager_does_not_run(client, harbor):
    mine, theirs = make_home(harbor, beds=("A",)), make_home(harbor, beds=("Z",))
    client.force_login(manager_of(mine))
    response = client.post(
        "/residents/new/",
        {"first_name": "Sam", "last_name": "Okafor", "bed": beds_of(theirs)[0].pk, "move_in": "2026-11-02"},
    )
    assert response.status_code == 400
    with tenant_scope(harbor):
        assert not Resident.objects.filter(last_name="Okafor").exists()


@pytest.mark.parametrize("role", [Role.COACH, Role.RESIDENT])
def test_a_coach_or_resident_cannot_add_a_resident(client, harbor, role):
    make_home(harbor)
    client.force_login(make_member(harbor, role))
    assert client.get("/residents/new/").status_code == 403

"""Admitting an applicant: the resident, the stay and the bed assignment are made together or not at all, and
the admit wizard offers only beds free from the chosen day."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse

from recovery.models import Membership, Role
from recovery.tenancy import scopes_disabled, tenant_scope
from residences.models import Application, ApplicationStatus, Bed, BedAssignment, Stay
from residences.stays.services import (
    BedNotAvailable,
    admit_applicant,
    assign_house_manager,
)
from residents.models import Resident
from tests.clock import house_today
from tests.recovery.builders import make_member
from tests.residences.builders import make_home

TODAY = house_today()


def a_home(org, name="Maple House", beds=("A", "B", "C")):
    return make_home(org, name=name, rooms={"Front room": list(beds)})


def bed(org, residence, label):
    with tenant_scope(org):
        return Bed.objects.select_related("room").get(room__residence=residence, label=label)


def applicant(org, first_name="Robin", **fields):
    with tenant_scope(org):
        return Application.objects.create(first_name=first_name, last_name="Ashby", email="r@example.org", **fields)


def admit(org, application, the_bed, move_in=TODAY):
    with tenant_scope(org):
        return admit_applicant(application=application, bed=the_bed, move_in=move_in)


def counts():
    with scopes_disabled():
        return Resident.objects.count(), Stay.objects.count(), BedAssignment.objects.count()


# --- The service --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_admitting_creates_the_resident_the_stay_and_the_bed_assignment_and_accepts_the_application(harbor):
    home = a_home(harbor)
    application = applicant(harbor, preferred_name="Rob", pronouns="he/him")
    stay = admit(harbor, application, bed(harbor, home, "A"))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED and application.resident == stay.resident
    assert (stay.resident.preferred_name, stay.resident.pronouns) == ("Rob", "he/him")
    with tenant_scope(harbor):
        assert stay.bed_assignments.get().bed.label == "A"


@pytest.mark.django_db
@pytest.mark.parametrize("problem", ["out_of_service", "taken"])
def test_admitting_to_a_bed_that_is_not_free_leaves_nothing_behind(harbor, problem):
    home = a_home(harbor)
    the_bed = bed(harbor, home, "A")
    if problem == "out_of_service":
        with tenant_scope(harbor):
            Bed.objects.filter(pk=the_bed.pk).update(in_service=False)
    else:
        admit(harbor, applicant(harbor, "First"), the_bed)
    before = counts()
    application = applicant(harbor, status=ApplicationStatus.WAITLISTED)

    with pytest.raises(BedNotAvailable, match="Choose another bed"):
        admit(harbor, application, the_bed)

    assert counts() == before, "a resident, stay or bed assignment was left behind"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WAITLISTED and application.resident is None


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="SQLite serialises writers; CI runs PostgreSQL")
def test_two_admissions_racing_for_one_bed_let_exactly_one_win(transactional_db, harbor):
    home = a_home(harbor, beds=("A",))
    the_bed = bed(harbor, home, "A")
    contenders = [applicant(harbor, "Avery"), applicant(harbor, "Blake")]
    start = threading.Barrier(len(contenders))
    outcomes = {}

    def try_to_admit(application):
        try:
            start.wait(timeout=10)
            outcomes[application.pk] = admit(harbor, application, the_bed)
        except BedNotAvailable as error:
            outcomes[application.pk] = error
        finally:
            connection.close()  # each thread has its own connection; leave none open

    threads = [threading.Thread(target=try_to_admit, args=(application,)) for application in contenders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    winners = [outcome for outcome in outcomes.values() if isinstance(outcome, Stay)]
    losers = [outcome for outcome in outcomes.values() if isinstance(outcome, BedNotAvailable)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert "Choose another bed" in str(losers[0])
    with tenant_scope(harbor):
        assert BedAssignment.objects.filter(bed=the_bed).count() == 1
        assert Resident.objects.count() == 1 and Stay.objects.count() == 1
        statuses = sorted(Application.objects.values_list("status", flat=True))
    assert statuses == [ApplicationStatus.ACCEPTED, ApplicationStatus.NEW]


# --- The admit wizard ---------------------------------------------------------------------------------------


@pytest.fixture
def manager(harbor):
    return make_member(harbor, Role.HOUSE_MANAGER)


def look_after(org, user, residence):
    with tenant_scope(org):
        assign_house_manager(membership=Membership.objects.get(user=user), residence=residence)


def admit_url(application):
    return reverse("residences:admit", kwargs={"pk": application.pk})


@pytest.mark.django_db
def test_the_wizard_starts_with_the_home_they_asked_for_and_offers_only_the_managers_homes(client, harbor, manager):
    maple, oak = a_home(harbor, "Maple House"), a_home(harbor, "Oak House")
    look_after(harbor, manager, maple)
    application = applicant(harbor, residence=maple)
    client.force_login(manager)

    response = client.get(admit_url(application))
    assert response.status_code == 200
    place = response.context["place"]
    assert list(place.fields["residence"].queryset) == [maple]
    assert place["residence"].value() == maple.pk and place["move_in"].value() == TODAY
    assert "Oak House" not in response.content.decode()
    other_home = client.get(admit_url(application), {"residence": oak.pk, "move_in": TODAY.isoformat()})
    assert "Choose one of the homes you look after" in other_home.content.decode()


@pytest.mark.django_db
def test_the_wizard_offers_only_beds_free_from_the_move_in_date(client, harbor, manager):
    home = a_home(harbor, beds=("A", "B", "C", "D", "E"))
    look_after(harbor, manager, home)
    a, b, c, d, _e = (bed(harbor, home, label) for label in "ABCDE")
    admit(harbor, applicant(harbor, "Occupant"), a)  # in it from today
    admit(harbor, applicant(harbor, "Coming"), b, move_in=TODAY + timedelta(days=20))  # reserved from later
    with tenant_scope(harbor):
        Bed.objects.filter(pk=c.pk).update(in_service=False)
        stay = admit_applicant(application=applicant(harbor, "Leaving"), bed=d, move_in=TODAY - timedelta(days=9))
        BedAssignment.objects.filter(stay=stay).update(ends_on=TODAY + timedelta(days=3))  # leaves in 3 days
    client.force_login(manager)
    application = applicant(harbor)

    today = client.get(admit_url(application), {"residence": home.pk, "move_in": TODAY.isoformat()})
    assert [bed.label for bed in today.context["form"].fields["bed"].queryset] == ["E"]
    in_a_week = TODAY + timedelta(days=7)
    later = client.get(admit_url(application), {"residence": home.pk, "move_in": in_a_week.isoformat()})
    assert [bed.label for bed in later.context["form"].fields["bed"].queryset] == ["D", "E"]


@pytest.mark.django_db
def test_admitting_through_the_wizard_lands_on_the_new_residents_welcome_page_to_invite_them(client, harbor, manager):
    home = a_home(harbor)
    look_after(harbor, manager, home)
    application = applicant(harbor, residence=home)
    client.force_login(manager)
    b = bed(harbor, home, "B")

    response = client.post(
        admit_url(application),
        {
            "residence": home.pk,
            "move_in": TODAY.isoformat(),
            "bed": b.pk,
            "expected_move_out": (TODAY + timedelta(days=90)).isoformat(),
        },
    )
    assert response.status_code == 302
    with tenant_scope(harbor):
        assignment = BedAssignment.objects.select_related("stay").get(bed=b)
    assert assignment.stay.expected_move_out == TODAY + timedelta(days=90)
    assert response.url == reverse("residents:welcome", kwargs={"pk": assignment.stay.resident_id})
    welcome = client.get(response.url).content.decode()
    assert "Robin Ashby is admitted to Front room · B" in welcome and "Print a welcome sheet" in welcome


@pytest.mark.django_db
def test_when_the_bed_is_taken_meanwhile_the_wizard_says_so_and_keeps_the_input(client, harbor, manager, monkeypatch):
    home = a_home(harbor)
    look_after(harbor, manager, home)
    application = applicant(harbor)
    client.force_login(manager)

    def someone_was_faster(**kwargs):
        raise BedNotAvailable("Bed Front room · A was just taken by someone else. Choose another bed.")

    monkeypatch.setattr("residences.applications.views.admit_applicant", someone_was_faster)
    move_out = (TODAY + timedelta(days=60)).isoformat()
    response = client.post(
        admit_url(application),
        {
            "residence": home.pk,
            "move_in": TODAY.isoformat(),
            "bed": bed(harbor, home, "A").pk,
            "expected_move_out": move_out,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "was just taken by someone else. Choose another bed." in html
    assert f'value="{move_out}"' in html and f'value="{TODAY.isoformat()}"' in html
    assert counts() == (0, 0, 0)


@pytest.mark.django_db
def test_a_bed_that_is_no_longer_free_gets_a_clear_message_not_a_generic_one(client, harbor, manager):
    home = a_home(harbor)
    look_after(harbor, manager, home)
    a = bed(harbor, home, "A")
    admit(harbor, applicant(harbor, "Faster"), a)
    client.force_login(manager)
    response = client.post(
        admit_url(applicant(harbor)), {"residence": home.pk, "move_in": TODAY.isoformat(), "bed": a.pk}
    )
    assert response.status_code == 400
    assert "That bed is not free from the move-in date any more" in response.content.decode()


@pytest.mark.django_db
def test_an_expected_move_out_before_the_move_in_is_refused_with_a_message(client, harbor, manager):
    home = a_home(harbor)
    look_after(harbor, manager, home)
    client.force_login(manager)
    response = client.post(
        admit_url(applicant(harbor)),
        {
            "residence": home.pk,
            "move_in": TODAY.isoformat(),
            "bed": bed(harbor, home, "A").pk,
            "expected_move_out": (TODAY - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "The expected move-out must come after the move-in date." in response.content.decode()
    assert counts() == (0, 0, 0)


@pytest.mark.django_db
def test_a_withdrawn_application_is_not_admitted_and_the_wizard_says_why(client, harbor, manager):
    home = a_home(harbor)
    look_after(harbor, manager, home)
    client.force_login(manager)
    application = applicant(harbor, status=ApplicationStatus.WITHDRAWN)
    response = client.post(
        admit_url(application), {"residence": home.pk, "move_in": TODAY.isoformat(), "bed": bed(harbor, home, "A").pk}
    )
    assert response.status_code == 400
    assert "reopen it before admitting" in response.content.decode()
    assert counts() == (0, 0, 0)

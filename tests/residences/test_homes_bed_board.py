"""The bed board page: every room and bed of a home with who is in it, for the people who look after the home,
in a fixed number of queries however many beds and residents it has."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recovery.models import Membership, Role
from recovery.tenancy import tenant_scope
from residences.models import Application, Bed
from residences.stays.services import add_room_with_beds, admit_applicant, assign_house_manager, create_residence
from tests.clock import house_today
from tests.recovery.builders import make_member

pytestmark = pytest.mark.django_db
TODAY = house_today()


def fill(org, residence, *, rooms: int, beds_per_room: int, prefix: str):
    """Rooms of beds, every other bed with a resident (some arriving later), one bed out of service."""
    with tenant_scope(org):
        for r in range(rooms):
            room = add_room_with_beds(
                residence=residence, name=f"{prefix} room {r}", bed_labels=[f"{n}" for n in range(beds_per_room)]
            )
            for n, bed in enumerate(room.beds.order_by("label")):
                if n % 2 == 0:
                    move_in = TODAY if n % 4 == 0 else TODAY + timedelta(days=10)
                    application = Application.objects.create(
                        first_name=f"{prefix}{r}x{n}", last_name="Resident", email="r@example.org"
                    )
                    admit_applicant(application=application, bed=bed, move_in=move_in)
            Bed.objects.filter(pk=room.beds.order_by("label").last().pk).update(in_service=False)


def board_url(residence):
    return reverse("residences:bed_board", kwargs={"pk": residence.pk})


def test_the_bed_board_shows_who_is_in_each_bed_and_who_is_coming(client, harbor):
    with tenant_scope(harbor):
        home = create_residence(name="Maple House", level=2)
    fill(harbor, home, rooms=1, beds_per_room=4, prefix="Small")
    client.force_login(make_member(harbor, Role.STAFF))

    response = client.get(board_url(home))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Small room 0" in html
    assert "Small0x0 Resident, since" in html  # in bed 0 from today
    assert "Small0x2 Resident, from" in html  # bed 2 reserved from later
    counts = response.context["counts"]
    assert (counts["occupied"], counts["reserved"], counts["available"], counts["out_of_service"]) == (1, 1, 1, 1)


def test_a_house_manager_sees_the_bed_board_of_their_homes_only(client, harbor):
    with tenant_scope(harbor):
        theirs, other = create_residence(name="Maple House", level=2), create_residence(name="Oak House", level=2)
    manager = make_member(harbor, Role.HOUSE_MANAGER)
    with tenant_scope(harbor):
        assign_house_manager(membership=Membership.objects.get(user=manager), residence=theirs)
    client.force_login(manager)
    assert client.get(board_url(theirs)).status_code == 200
    assert client.get(board_url(other)).status_code == 403


@pytest.mark.parametrize("role", [Role.COACH, Role.RESIDENT])
def test_coaches_and_residents_do_not_see_the_bed_board(client, harbor, role):
    with tenant_scope(harbor):
        home = create_residence(name="Maple House", level=2)
    client.force_login(make_member(harbor, role))
    assert client.get(board_url(home)).status_code == 403


def test_the_bed_board_query_count_does_not_grow_with_beds_and_residents(client, harbor):
    with tenant_scope(harbor):
        small, large = create_residence(name="Small House", level=2), create_residence(name="Large House", level=2)
    fill(harbor, small, rooms=1, beds_per_room=2, prefix="S")
    fill(harbor, large, rooms=4, beds_per_room=6, prefix="L")
    client.force_login(make_member(harbor, Role.ADMIN))
    client.get(board_url(small))  # the first request also writes the session

    def queries_for(residence):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(board_url(residence))
        assert response.status_code == 200
        return len(captured)

    assert queries_for(small) == queries_for(large)
    assert "L3x4 Resident" in client.get(board_url(large)).content.decode()

"""Homes: level defaults, who sees which home, rooms and beds, and pages whose query count does not grow."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recovery.models import Role
from recovery.tenancy import tenant_scope
from residences.models import Level, Residence
from residences.stays import services
from tests.recovery.builders import make_member
from tests.residences.builders import admit, beds_of, make_home, manager_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("level", "democracy", "screening", "clinical", "medication"),
    [
        (Level.PEER_RUN, True, False, False, False),
        (Level.SUPERVISED, True, True, False, False),
        (Level.CLINICALLY_MANAGED, False, True, True, True),
    ],
)
def test_a_new_home_takes_the_defaults_of_its_level(harbor, level, democracy, screening, clinical, medication):
    home = make_home(harbor, level=level)
    assert (home.democracy_features, home.drug_screening, home.clinical_documentation, home.medication_records) == (
        democracy,
        screening,
        clinical,
        medication,
    )


def test_an_operator_can_turn_a_feature_on_at_any_level(harbor):
    home = make_home(harbor, level=Level.PEER_RUN, drug_screening=True)
    assert home.drug_screening is True


def test_an_admin_adds_a_home_and_a_room_with_beds(client, harbor):
    client.force_login(make_member(harbor, Role.ADMIN))
    response = client.post(
        "/residences/new/", {"name": "Birch House", "level": 2, "population": "women", "mat_welcoming": "on"}
    )
    assert response.status_code == 302
    with tenant_scope(harbor):
        home = Residence.objects.get(name="Birch House")
    assert client.post(f"/residences/{home.pk}/rooms/new/", {"name": "Room 1", "beds": "A, B, C"}).status_code == 302
    assert [bed.label for bed in beds_of(home)] == ["A", "B", "C"]


def test_room_form_says_what_is_wrong_with_the_beds(client, harbor):
    home = make_home(harbor)
    client.force_login(make_member(harbor, Role.ADMIN))
    html = client.post(f"/residences/{home.pk}/rooms/new/", {"name": "Room 9", "beds": "A, A"}).content.decode()
    assert "its own label" in html
    html = client.post(f"/residences/{home.pk}/rooms/new/", {"name": "Room 1", "beds": "C"}).content.decode()
    assert "already has a room with that name" in html


def test_a_house_manager_sees_only_the_homes_assigned_to_them(client, harbor):
    mine, other = make_home(harbor, name="Mine"), make_home(harbor, name="Other")
    client.force_login(manager_of(mine))
    html = client.get("/residences/").content.decode()
    assert "Mine" in html and "Other" not in html
    assert client.get(f"/residences/{mine.pk}/").status_code == 200
    assert client.get(f"/residences/{other.pk}/").status_code == 403


@pytest.mark.parametrize("role", [Role.COACH, Role.RESIDENT])
def test_coaches_and_residents_do_not_run_homes(client, harbor, role):
    home = make_home(harbor)
    client.force_login(make_member(harbor, role))
    assert client.get("/residences/").status_code == 403
    assert client.get(f"/residences/{home.pk}/").status_code == 403


def test_the_list_shows_capacity_and_occupancy_derived_from_stays(client, harbor):
    home = make_home(harbor, beds=("A", "B", "C"))
    first, _second, third = beds_of(home)
    with tenant_scope(harbor):
        third.in_service, third.out_of_service_reason = False, "broken frame"
        third.save()
    admit(home, first, move_in=date(2026, 1, 5))
    client.force_login(make_member(harbor, Role.ADMIN))
    (row,) = client.get("/residences/").context["residences"]
    assert (row.beds_in_service, row.beds_occupied, row.beds_free) == (2, 1, 1)


def test_taking_a_bed_out_of_service_needs_a_reason(client, harbor):
    home = make_home(harbor)
    bed = beds_of(home)[0]
    client.force_login(make_member(harbor, Role.ADMIN))
    response = client.post(f"/beds/{bed.pk}/service/", {"out_of_service_reason": ""})
    assert "Say why the bed is out of service" in response.content.decode()


def _queries(client, url) -> int:
    client.get(url)  # warm: the first request of a session also writes the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _fill(home, count, start=0):
    with tenant_scope(home.organization):
        room = services.add_room_with_beds(
            residence=home, name=f"Wing {start}", bed_labels=[f"B{n}" for n in range(count)]
        )
        beds = list(room.beds.all())
    for n, bed in enumerate(beds):
        admit(home, bed, first_name=f"Person{start}{n}", last_name="Test")


def test_residence_list_and_home_run_the_same_queries_at_any_size(client, harbor):
    home = make_home(harbor)
    client.force_login(make_member(harbor, Role.ADMIN))
    _fill(home, 2)
    small = (_queries(client, "/residences/"), _queries(client, f"/residences/{home.pk}/"))
    for n in range(3):
        _fill(make_home(harbor, name=f"Extra {n}"), 4, start=n + 1)
    _fill(home, 8, start=9)
    large = (_queries(client, "/residences/"), _queries(client, f"/residences/{home.pk}/"))
    assert small == large


def test_a_homes_page_links_its_passes_chores_treasury_ladder_testing_policy_and_mediation(client, harbor):
    home = make_home(harbor)
    client.force_login(manager_of(home))
    page = client.get(reverse("residences:residence_home", args=[home.pk])).content.decode()
    for name in (
        "governance:pass_house",
        "governance:chore_house",
        "governance:treasury_house",
        "governance:ladder",
        "governance:drug_testing_policy",
        "governance:mediation_new",
    ):
        url = reverse(name, args=[home.pk])
        assert f'href="{url}"' in page, f"{name} is not linked from the home's page"
        assert client.get(url).status_code == 200


def test_the_bed_board_links_each_bed_to_taking_it_out_of_service_for_those_who_manage_beds(client, harbor):
    home = make_home(harbor, beds=("A",))
    client.force_login(manager_of(home))
    page = client.get(reverse("residences:bed_board", args=[home.pk])).content.decode()
    assert reverse("residences:bed_service", args=[beds_of(home)[0].pk]) in page


def _policies_data(form, **changes):
    """What the home's policies page posts back unchanged, with `changes`."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list) else value
    data.update(changes)
    return data


def test_an_operator_sets_a_homes_own_time_zone_and_blank_keeps_the_organizations(client, harbor):
    from zoneinfo import ZoneInfo

    from residences.homes.forms import ResidencePoliciesForm

    home = make_home(harbor, name="Front Range House")
    client.force_login(make_member(harbor, Role.ADMIN))
    page = client.get(reverse("residences:residence_edit", args=[home.pk]))
    assert "The organization&#x27;s (America/New_York)" in page.content.decode()
    with tenant_scope(harbor):
        data = _policies_data(ResidencePoliciesForm(instance=home), time_zone="America/Denver")
    response = client.post(reverse("residences:residence_edit", args=[home.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    with tenant_scope(harbor):
        home.refresh_from_db()
        assert home.time_zone == ZoneInfo("America/Denver")
    client.post(reverse("residences:residence_edit", args=[home.pk]), {**data, "time_zone": ""})
    with tenant_scope(harbor):
        home.refresh_from_db()
        assert home.time_zone is None
    bad = client.post(reverse("residences:residence_edit", args=[home.pk]), {**data, "time_zone": "Mars/Olympus"})
    assert bad.status_code == 200 and bad.context["form"].errors["time_zone"]

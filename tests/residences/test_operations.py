"""House operations: house checks bed by bed, maintenance requests, safety inspections and drills, the good-neighbor
log; who may open these pages; and tenant isolation of every route with an object id."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from recovery.models import Membership, Role
from recovery.tenancy import tenant_scope
from residences.compliance import urls as compliance_urls
from residences.house_rules import urls as house_rules_urls
from residences.models import (
    GoodNeighborContact,
    HouseCheck,
    HouseCheckEntry,
    MaintenanceRequest,
    NeighborComplaint,
    SafetyInspection,
)
from residences.operations import services
from residences.operations import urls as operations_urls
from residences.operations.models import InspectionKind, MaintenanceStatus, Urgency, Whereabouts
from residences.operations.selectors import inspections_due
from residences.stays.services import assign_house_manager
from tests.isolation_routes import compliance as compliance_routes
from tests.isolation_routes import house_rules as house_rules_routes
from tests.isolation_routes import operations as operations_routes
from tests.recovery.builders import MARKER, make_member
from tests.residences.builders import admit, make_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(harbor):
    return make_home(harbor, name="Maple House", beds=("A", "B", "C"))


@pytest.fixture
def stays(harbor, home):
    return [
        admit(home, first_name="Jordan", last_name="Reyes", move_in=date(2020, 1, 1)),
        admit(home, first_name="Alex", last_name="Kim", move_in=date(2020, 1, 1)),
    ]


@pytest.fixture
def scope(harbor):
    with tenant_scope(harbor):
        yield harbor


def bed_ids(stays):
    with tenant_scope(stays[0].organization):
        return [stay.bed_assignments.get().bed_id for stay in stays]


# --- House checks ----------------------------------------------------------------------------------------------


def test_a_house_check_logs_every_occupied_bed_with_who_was_in_it(harbor, home, stays):
    first, second = bed_ids(stays)
    with tenant_scope(harbor):
        check = services.record_house_check(
            residence=home, marks={first: (Whereabouts.PRESENT, ""), second: (Whereabouts.NOT_SEEN, "  Door locked ")}
        )
        entries = {entry.bed_id: entry for entry in HouseCheckEntry.objects.filter(house_check=check)}
    assert set(entries) == {first, second}  # the empty bed C is not part of the check
    assert entries[second].whereabouts == Whereabouts.NOT_SEEN and entries[second].note == "Door locked"
    assert entries[first].stay_id == stays[0].pk


def test_a_house_check_refuses_to_save_until_every_occupied_bed_is_marked(harbor, home, stays):
    first, _second = bed_ids(stays)
    with tenant_scope(harbor), pytest.raises(services.OperationsProblem, match="Mark every occupied bed"):
        services.record_house_check(residence=home, marks={first: (Whereabouts.PRESENT, "")})
    with tenant_scope(harbor):
        assert not HouseCheck.objects.exists()


def test_a_house_check_refuses_a_bed_nobody_is_in_now(harbor, home, stays):
    first, second = bed_ids(stays)
    with tenant_scope(harbor), pytest.raises(services.OperationsProblem, match="changed since this check"):
        services.record_house_check(
            residence=home, marks={first: ("present", ""), second: ("present", ""), 999999: ("present", "")}
        )


def test_a_house_check_of_an_empty_house_says_there_is_no_one_to_check(harbor, home):
    with tenant_scope(harbor), pytest.raises(services.OperationsProblem, match="no one to check"):
        services.record_house_check(residence=home, marks={})


def test_the_database_refuses_two_entries_for_one_bed_in_a_check(harbor, home, stays):
    first, second = bed_ids(stays)
    with tenant_scope(harbor):
        check = services.record_house_check(residence=home, marks={first: ("present", ""), second: ("away", "")})
        with pytest.raises(IntegrityError), transaction.atomic():
            HouseCheckEntry.objects.create(house_check=check, bed_id=first, stay=stays[0], whereabouts="present")


def test_the_house_check_page_is_a_labelled_bed_by_bed_phone_form(client, harbor, home, stays):
    client.force_login(make_member(harbor, Role.STAFF))
    html = client.get(reverse("residences:house_check", kwargs={"residence_pk": home.pk})).content.decode()
    first, second = bed_ids(stays)
    for bed_id in (first, second):
        assert f'name="bed_{bed_id}"' in html and f'for="id_note_{bed_id}"' in html
        assert f'for="id_bed_{bed_id}_0"' in html  # every radio button has its label
    assert "Jordan Reyes" in html and 'name="viewport"' in html
    assert "style=" not in html and "<script>" not in html


def test_staff_save_a_house_check_from_the_phone_form(client, harbor, home, stays):
    staff = make_member(harbor, Role.STAFF)
    client.force_login(staff)
    first, second = bed_ids(stays)
    url = reverse("residences:house_check", kwargs={"residence_pk": home.pk})
    response = client.post(
        url, {f"bed_{first}": "present", f"bed_{second}": "out_on_pass", f"note_{second}": "", "notes": "Evening round"}
    )
    assert response.status_code == 302
    with tenant_scope(harbor):
        check = HouseCheck.objects.get()
        assert (check.checked_by, check.entries.count()) == (staff, 2)
    assert "1 of 2 in" in client.get(url).content.decode()


def test_a_house_check_shows_the_time_on_the_organizations_clock(client, harbor, home, stays):
    first, second = bed_ids(stays)
    late_evening_in_new_york = datetime(2024, 1, 15, 3, 30, tzinfo=UTC)
    with tenant_scope(harbor):
        check = services.record_house_check(
            residence=home, marks={first: ("present", ""), second: ("present", "")}, now=late_evening_in_new_york
        )
    client.force_login(make_member(harbor, Role.STAFF))
    html = client.get(reverse("residences:house_check_detail", kwargs={"pk": check.pk})).content.decode()
    assert "January 14, 2024, 10:30 p.m." in html


def test_a_house_check_with_an_unknown_whereabouts_gets_a_message(client, harbor, home, stays):
    client.force_login(make_member(harbor, Role.STAFF))
    first, second = bed_ids(stays)
    response = client.post(
        reverse("residences:house_check", kwargs={"residence_pk": home.pk}),
        {f"bed_{first}": "present", f"bed_{second}": "on-the-moon"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


# --- Maintenance -----------------------------------------------------------------------------------------------


def test_a_maintenance_request_moves_from_open_to_done_with_what_was_done(scope, home):
    request = services.open_maintenance_request(residence=home, description="Faucet drips", urgency=Urgency.SOON)
    assert (request.status, request.resolved_at) == (MaintenanceStatus.OPEN, None)
    done = services.resolve_maintenance_request(maintenance_request=request, resolution="New washer")
    assert done.status == MaintenanceStatus.DONE and done.resolved_at is not None


def test_marking_maintenance_done_needs_a_word_on_what_was_done(scope, home):
    request = services.open_maintenance_request(residence=home, description="Faucet drips")
    with pytest.raises(services.OperationsProblem, match="Say what was done"):
        services.update_maintenance_request(maintenance_request=request, status=MaintenanceStatus.DONE)


def test_reopening_maintenance_clears_when_it_was_resolved(scope, home):
    request = services.open_maintenance_request(residence=home, description="Faucet drips")
    services.resolve_maintenance_request(maintenance_request=request, resolution="Washer")
    reopened = services.update_maintenance_request(maintenance_request=request, status=MaintenanceStatus.OPEN)
    assert reopened.resolved_at is None


def test_a_maintenance_request_needs_a_description(scope, home):
    with pytest.raises(services.OperationsProblem, match="Say what needs fixing"):
        services.open_maintenance_request(residence=home, description="  ")


def test_the_database_refuses_done_maintenance_without_a_resolution_time(scope, home):
    with pytest.raises(IntegrityError), transaction.atomic():
        MaintenanceRequest.objects.create(
            residence=home, description="x", status=MaintenanceStatus.DONE, reported_at=timezone.now()
        )


def test_staff_open_and_close_maintenance_from_the_pages(client, harbor, home):
    client.force_login(make_member(harbor, Role.ADMIN))
    url = reverse("residences:maintenance", kwargs={"residence_pk": home.pk})
    assert client.post(url, {"description": "Porch light out", "urgency": "urgent"}).status_code == 302
    with tenant_scope(harbor):
        request = MaintenanceRequest.objects.get()
    detail = reverse("residences:maintenance_detail", kwargs={"pk": request.pk})
    response = client.post(detail, {"status": "done", "resolution": ""})
    assert response.status_code == 200 and "Say what was done" in response.content.decode()
    assert client.post(detail, {"status": "done", "resolution": "New bulb"}).status_code == 302
    with tenant_scope(harbor):
        assert MaintenanceRequest.objects.get().status == MaintenanceStatus.DONE


def test_the_maintenance_list_costs_the_same_queries_for_3_or_30_requests(client, harbor, home):
    client.force_login(make_member(harbor, Role.ADMIN))
    url = reverse("residences:maintenance", kwargs={"residence_pk": home.pk})
    reporter = make_member(harbor, Role.HOUSE_MANAGER)

    def add(count):
        with tenant_scope(harbor):
            for n in range(count):
                services.open_maintenance_request(residence=home, description=f"Thing {n}", by=reporter)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add(3)
    client.get(url)  # the first request writes the session's last-seen time; the next ones (within 30 s) do not
    small = queries()
    assert small <= 7  # session, user, membership, residence, count, unread messages (the top bar), page
    add(22)  # 25 in all: one full page
    assert queries() == small


# --- Safety inspections and drills -----------------------------------------------------------------------------


def test_an_inspection_without_a_next_date_gets_the_usual_interval_for_its_kind(scope, home):
    done_on = date(2024, 3, 1)
    smoke = services.record_inspection(
        residence=home, kind=InspectionKind.SMOKE_DETECTORS, done_on=done_on, passed=True, today=done_on
    )
    drill = services.record_inspection(
        residence=home, kind=InspectionKind.EVACUATION_DRILL, done_on=done_on, passed=True, today=done_on
    )
    assert smoke.next_due_on == done_on + timedelta(days=30)
    assert drill.next_due_on == done_on + timedelta(days=91)


def test_a_failed_inspection_needs_notes(scope, home):
    with pytest.raises(services.OperationsProblem, match="what failed"):
        services.record_inspection(
            residence=home,
            kind=InspectionKind.EXTINGUISHERS,
            done_on=date(2024, 1, 2),
            passed=False,
            today=date(2024, 1, 2),
        )


def test_an_inspection_cannot_be_recorded_for_a_future_day(scope, home):
    with pytest.raises(services.OperationsProblem, match="cannot be in the future"):
        services.record_inspection(
            residence=home,
            kind=InspectionKind.CO_DETECTORS,
            done_on=date(2024, 1, 3),
            passed=True,
            today=date(2024, 1, 2),
        )


def test_the_database_refuses_a_next_due_date_before_the_inspection(scope, home):
    with pytest.raises(IntegrityError), transaction.atomic():
        SafetyInspection.objects.create(
            residence=home, kind=InspectionKind.OTHER, done_on=date(2024, 1, 2), next_due_on=date(2024, 1, 1)
        )


def test_what_is_due_shows_overdue_and_missing_safety_checks(scope, home):
    services.record_inspection(
        residence=home,
        kind=InspectionKind.SMOKE_DETECTORS,
        done_on=date(2024, 1, 1),
        passed=True,
        today=date(2024, 1, 1),
    )
    services.record_inspection(
        residence=home,
        kind=InspectionKind.SMOKE_DETECTORS,
        done_on=date(2024, 3, 1),
        passed=True,
        today=date(2024, 3, 1),
    )
    due = {line.kind: line for line in inspections_due(home, today=date(2024, 3, 15))}
    assert due[InspectionKind.SMOKE_DETECTORS].latest.done_on == date(2024, 3, 1)
    assert not due[InspectionKind.SMOKE_DETECTORS].is_overdue
    assert due[InspectionKind.CO_DETECTORS].is_overdue  # never recorded
    assert inspections_due(home, today=date(2024, 4, 15))[0].is_overdue


def test_recording_an_inspection_on_the_page_shows_a_message_for_bad_input(client, harbor, home):
    client.force_login(make_member(harbor, Role.STAFF))
    url = reverse("residences:inspections", kwargs={"residence_pk": home.pk})
    response = client.post(url, {"kind": "extinguishers", "done_on": "2024-01-02", "passed": "no", "notes": ""})
    assert response.status_code == 200 and "Say what failed" in response.content.decode()
    response = client.post(url, {"kind": "extinguishers", "done_on": "not a date", "passed": "yes"})
    assert response.status_code == 200 and "Enter a valid date" in response.content.decode()
    assert client.post(url, {"kind": "evacuation_drill", "done_on": "2024-01-02", "passed": "yes"}).status_code == 302


# --- Good neighbor ---------------------------------------------------------------------------------------------


def test_the_good_neighbor_contact_needs_a_way_to_reach_them(scope, home):
    with pytest.raises(services.OperationsProblem, match="phone number or an email"):
        services.set_good_neighbor_contact(residence=home, name="Luis Ortega")


def test_setting_the_good_neighbor_contact_again_replaces_it(scope, home):
    services.set_good_neighbor_contact(residence=home, name="Luis Ortega", phone="555-0100")
    services.set_good_neighbor_contact(residence=home, name="Priya Nair", email="priya@example.org")
    assert list(GoodNeighborContact.objects.values_list("name", flat=True)) == ["Priya Nair"]


def test_a_complaint_is_logged_then_answered(scope, home):
    complaint = services.log_neighbor_complaint(
        residence=home, received_on=date(2024, 5, 1), summary="Loud porch", today=date(2024, 5, 2)
    )
    assert complaint.from_name == "Anonymous"
    services.respond_to_neighbor_complaint(
        complaint=complaint,
        response="Talked at the house meeting",
        responded_on=date(2024, 5, 2),
        today=date(2024, 5, 2),
    )
    assert NeighborComplaint.objects.get().responded_on == date(2024, 5, 2)


def test_a_response_cannot_come_before_the_complaint(scope, home):
    complaint = services.log_neighbor_complaint(
        residence=home, received_on=date(2024, 5, 1), summary="Parking", today=date(2024, 5, 2)
    )
    with pytest.raises(services.OperationsProblem, match="cannot come before the complaint"):
        services.respond_to_neighbor_complaint(
            complaint=complaint, response="Sorry", responded_on=date(2024, 4, 30), today=date(2024, 5, 2)
        )


def test_the_database_refuses_a_response_without_its_date(scope, home):
    with pytest.raises(IntegrityError), transaction.atomic():
        NeighborComplaint.objects.create(
            residence=home, received_on=date(2024, 5, 1), from_name="A", summary="B", response="Answered"
        )


def test_the_good_neighbor_page_saves_the_contact_and_logs_a_complaint(client, harbor, home):
    client.force_login(make_member(harbor, Role.ADMIN))
    url = reverse("residences:good_neighbor", kwargs={"residence_pk": home.pk})
    response = client.post(url, {"form": "contact", "contact-name": "Luis Ortega", "contact-phone": ""})
    assert "phone number or an email" in response.content.decode()
    assert client.post(url, {"form": "contact", "contact-name": "Luis", "contact-phone": "555"}).status_code == 302
    today = timezone.localdate(timezone=harbor.time_zone)
    response = client.post(
        url,
        {
            "form": "complaint",
            "complaint-received_on": today.isoformat(),
            "complaint-summary": "Cars across the driveway",
        },
    )
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "Luis" in html and "Cars across the driveway" in html and "Awaiting a response" in html


# --- Who may open these pages -----------------------------------------------------------------------------------

STAFF_PAGES = ["house_check", "maintenance", "inspections", "good_neighbor"]


@pytest.mark.parametrize("page", STAFF_PAGES)
@pytest.mark.parametrize("role", [Role.ADMIN, Role.STAFF])
def test_admins_and_staff_open_every_operations_page(client, harbor, home, page, role):
    client.force_login(make_member(harbor, role))
    assert client.get(reverse(f"residences:{page}", kwargs={"residence_pk": home.pk})).status_code == 200


@pytest.mark.parametrize("page", STAFF_PAGES)
@pytest.mark.parametrize("role", [Role.COACH, Role.RESIDENT, Role.HOUSE_MANAGER])
def test_coaches_residents_and_other_homes_managers_are_refused(client, harbor, home, page, role):
    client.force_login(make_member(harbor, role))  # a house manager assigned to no home
    assert client.get(reverse(f"residences:{page}", kwargs={"residence_pk": home.pk})).status_code == 403


def test_a_house_manager_runs_the_homes_assigned_to_them(client, harbor, home):
    manager = make_member(harbor, Role.HOUSE_MANAGER)
    with tenant_scope(harbor):
        assign_house_manager(membership=Membership.objects.get(user=manager), residence=home)
    client.force_login(manager)
    for page in STAFF_PAGES:
        assert client.get(reverse(f"residences:{page}", kwargs={"residence_pk": home.pk})).status_code == 200


# --- Tenant isolation -------------------------------------------------------------------------------------------

ROUTES = {**house_rules_routes.OBJECT_ROUTES, **operations_routes.OBJECT_ROUTES, **compliance_routes.OBJECT_ROUTES}


def test_every_operations_route_with_an_object_id_is_enrolled_in_the_isolation_suite():
    patterns = [*house_rules_urls.urlpatterns, *operations_urls.urlpatterns, *compliance_urls.urlpatterns]
    with_ids = {f"residences:{pattern.name}" for pattern in patterns if pattern.pattern.converters}
    assert with_ids == set(ROUTES)


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("route_name", sorted(ROUTES))
def test_another_organizations_operations_object_answers_404_for_every_role(
    client, harbor, cedar, route_name, role, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    url = reverse(route_name, kwargs=ROUTES[route_name](harbor))
    client.force_login(make_member(cedar, role))
    get, post = client.get(url), client.post(url, {})
    statuses = {"GET": get.status_code, "POST": post.status_code}
    assert set(statuses.values()) <= {404, 405}, f"{url} as a {role} of another organization answered {statuses}"
    assert 404 in statuses.values()
    assert MARKER not in get.content.decode() + post.content.decode()

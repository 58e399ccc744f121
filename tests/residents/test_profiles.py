"""The residents list (filters, who is listed), the resident's timeline and profile; query counts stay flat."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.tenancy import tenant_scope
from residences.stays import services as stay_services
from residents.models import Pathway, Resident
from residents.plans import services as plan_services
from tests.recovery.builders import make_member
from tests.residences.builders import admit, beds_of, make_home, manager_of, resident_with_login
from tests.residents.builders import make_goal

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    client.get(url)  # warm: the first request of a session also writes the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _fill(home, count, start=0):
    with tenant_scope(home.organization):
        room = stay_services.add_room_with_beds(
            residence=home, name=f"Wing {start}", bed_labels=[f"B{n}" for n in range(count)]
        )
        beds = list(room.beds.all())
    stays = [admit(home, bed, first_name=f"Person{start}{n}", last_name="Test") for n, bed in enumerate(beds)]
    for stay in stays:
        goal = make_goal(stay.resident)
        with tenant_scope(home.organization):
            plan_services.add_milestone(goal=goal, by=None, title="Overdue", target_date=date(2026, 11, 2))


def test_the_residents_list_runs_the_same_number_of_queries_for_more_residents(client, harbor):
    home = make_home(harbor)
    client.force_login(make_member(harbor, Role.STAFF))
    _fill(home, 2)
    few = _queries(client, reverse("residents:resident_list"))
    _fill(home, 6, start=1)
    assert _queries(client, reverse("residents:resident_list")) == few


def test_the_timeline_runs_the_same_number_of_queries_for_a_longer_history(client, harbor):
    home = make_home(harbor, beds=("A", "B", "C"))
    stay = admit(home)
    goal = make_goal(stay.resident)
    client.force_login(make_member(harbor, Role.STAFF))
    url = reverse("residents:resident_detail", kwargs={"pk": stay.resident.pk})
    few = _queries(client, url)
    with tenant_scope(harbor):
        for n in range(8):
            plan_services.add_milestone(goal=goal, by=None, title=f"Step {n}")
        stay_services.transfer(stay=stay, bed=beds_of(home)[2], on=date(2026, 11, 10))
    assert _queries(client, url) == few


def test_the_timeline_brings_together_stays_and_plan_changes(client, harbor):
    stay = admit(make_home(harbor), move_in=date(2026, 10, 3))
    make_goal(stay.resident, title="Save a deposit")
    client.force_login(make_member(harbor, Role.STAFF))
    html = client.get(reverse("residents:resident_detail", kwargs={"pk": stay.resident.pk})).content.decode()
    assert "Moved in" in html and "Oct 3, 2026" in html
    assert "Plan started" in html and "Goal added (Work and education): Save a deposit" in html


def test_the_list_filters_by_house(client, harbor):
    maple, oak = make_home(harbor, name="Maple House"), make_home(harbor, name="Oak House")
    admit(maple, first_name="Maya")
    admit(oak, first_name="Omar")
    client.force_login(make_member(harbor, Role.STAFF))
    html = client.get(reverse("residents:resident_list"), {"house": oak.pk}).content.decode()
    assert "Omar" in html and "Maya" not in html


def test_the_list_flags_residents_without_a_plan(client, harbor):
    home = make_home(harbor)
    planned = admit(home, first_name="Paula")
    make_goal(planned.resident)
    admit(home, beds_of(home)[1], first_name="Nolan")
    client.force_login(make_member(harbor, Role.STAFF))
    html = client.get(reverse("residents:resident_list"), {"flag": "no_plan"}).content.decode()
    assert "Nolan" in html and "Paula" not in html


def test_the_list_flags_justice_involvement(client, harbor):
    home = make_home(harbor)
    stay = admit(home, first_name="Jamie")
    admit(home, beds_of(home)[1], first_name="Kim")
    with tenant_scope(harbor):
        Resident.objects.filter(pk=stay.resident_id).update(justice_involvement="parole")
    client.force_login(make_member(harbor, Role.STAFF))
    html = client.get(reverse("residents:resident_list"), {"flag": "justice"}).content.decode()
    assert "Jamie" in html and "Kim" not in html


def test_a_house_manager_lists_only_their_homes_residents(client, harbor):
    maple, oak = make_home(harbor, name="Maple House"), make_home(harbor, name="Oak House")
    admit(maple, first_name="Maya")
    admit(oak, first_name="Omar")
    client.force_login(manager_of(maple))
    html = client.get(reverse("residents:resident_list")).content.decode()
    assert "Maya" in html and "Omar" not in html


def test_a_resident_cannot_open_the_residents_list(client, harbor):
    _stay, user = resident_with_login(make_home(harbor))
    client.force_login(user)
    assert client.get(reverse("residents:resident_list")).status_code == 403


def test_opening_the_list_and_a_timeline_is_audited_naming_the_resident_on_each(client, harbor):
    stay = admit(make_home(harbor))
    client.force_login(make_member(harbor, Role.STAFF))
    client.get(reverse("residents:resident_list"))
    client.get(reverse("residents:resident_detail", kwargs={"pk": stay.resident.pk}))
    with tenant_scope(harbor):
        views = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW)
        assert views.filter(detail="resident list").exists()
        resident_views = views.filter(object_type="residents.resident", object_id=str(stay.resident.pk))
        # One per page, each naming the resident: the list by the rows it shows, the record by its own event.
        assert sorted(resident_views.values_list("path", flat=True)) == sorted(
            [reverse("residents:resident_list"), reverse("residents:resident_detail", kwargs={"pk": stay.resident.pk})]
        )
        assert set(resident_views.values_list("resident_id", flat=True)) == {stay.resident.pk}


def test_a_resident_sees_only_their_own_record(client, harbor):
    home = make_home(harbor)
    stay, user = resident_with_login(home)
    other = admit(home, beds_of(home)[1], first_name="Robin")
    client.force_login(user)
    assert client.get(reverse("residents:resident_detail", kwargs={"pk": stay.resident.pk})).status_code == 200
    assert client.get(reverse("residents:resident_detail", kwargs={"pk": other.resident.pk})).status_code == 403


def _officer_consent(resident, *, name="Officer Dana Reyes"):
    from residents.consents import services as consent_services

    witness = make_member(resident.organization, Role.STAFF)

    with tenant_scope(resident.organization):
        consent = consent_services.grant_consent(
            resident=resident,
            discloser="Harbor Light",
            information_classes=["test_results"],
            information_description="Weekly test results",
            purpose="Probation compliance",
            recipients=[(name, "Probation officer")],
            expires_on=date(2099, 1, 1),
        )
        return consent_services.record_in_person_signature(consent=consent, witness=witness, method="paper")


def test_justice_details_are_shown_to_staff_and_not_to_the_resident(client, harbor):
    stay, user = resident_with_login(make_home(harbor))
    _officer_consent(stay.resident)
    with tenant_scope(harbor):
        Resident.objects.filter(pk=stay.resident_id).update(
            justice_involvement="probation", justice_officer_name="Officer Dana Reyes"
        )
    url = reverse("residents:resident_detail", kwargs={"pk": stay.resident.pk})
    client.force_login(make_member(harbor, Role.STAFF))
    assert "Officer Dana Reyes" in client.get(url).content.decode()
    client.force_login(user)
    assert "Officer Dana Reyes" not in client.get(url).content.decode()


def test_the_officer_is_hidden_once_the_consent_to_report_is_revoked(client, harbor):
    from residents.consents import services as consent_services

    stay = admit(make_home(harbor))
    consent = _officer_consent(stay.resident)
    with tenant_scope(harbor):
        Resident.objects.filter(pk=stay.resident_id).update(
            justice_involvement="probation", justice_officer_name="Officer Dana Reyes"
        )
        consent_services.revoke_consent(consent=consent)
    client.force_login(make_member(harbor, Role.STAFF))
    page = client.get(reverse("residents:resident_detail", kwargs={"pk": stay.resident.pk})).content.decode()
    assert "Officer Dana Reyes" not in page
    assert "consent to report to this officer has ended" in page


def test_the_officer_is_recorded_only_under_a_consent_naming_them(client, harbor):
    stay = admit(make_home(harbor))
    client.force_login(make_member(harbor, Role.STAFF))
    url = reverse("residents:resident_edit", kwargs={"pk": stay.resident.pk})
    data = {
        "first_name": "Alex",
        "last_name": "Rivera",
        "justice_involvement": "probation",
        "justice_officer_name": "Officer Dana Reyes",
        "justice_officer_contact": "555-0100",
        **NO_NEW_CONTACTS,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "kept only with consent" in response.content.decode()
    with tenant_scope(harbor):
        assert Resident.objects.get(pk=stay.resident_id).justice_officer_name == ""
    _officer_consent(stay.resident, name="officer dana  reyes")
    assert client.post(url, data).status_code == 302
    with tenant_scope(harbor):
        assert Resident.objects.get(pk=stay.resident_id).justice_officer_contact == "555-0100"


NO_NEW_CONTACTS = {"contacts-TOTAL_FORMS": "1", "contacts-INITIAL_FORMS": "0"}


def test_staff_edit_the_profile_with_pathways_and_recovery_start(client, harbor):
    stay = admit(make_home(harbor))
    client.force_login(make_member(harbor, Role.STAFF))
    response = client.post(
        reverse("residents:resident_edit", kwargs={"pk": stay.resident.pk}),
        {
            "first_name": "Alex",
            "last_name": "Rivera",
            "pronouns": "they/them",
            "recovery_start_date": "2026-03-01",
            "pathways": [Pathway.SMART, Pathway.MAT],
            "justice_involvement": "none",
            **NO_NEW_CONTACTS,
        },
    )
    assert response.status_code == 302
    with tenant_scope(harbor):
        resident = Resident.objects.get(pk=stay.resident_id)
    assert resident.pathways == ["smart", "mat"] and resident.recovery_start_date == date(2026, 3, 1)
    assert resident.pronouns == "they/them"


def test_a_resident_cannot_edit_their_profile_page(client, harbor):
    stay, user = resident_with_login(make_home(harbor))
    client.force_login(user)
    assert client.get(reverse("residents:resident_edit", kwargs={"pk": stay.resident.pk})).status_code == 403


def test_staff_add_an_emergency_contact_shown_on_the_timeline_page(client, harbor):
    stay = admit(make_home(harbor))
    client.force_login(make_member(harbor, Role.STAFF))
    client.post(
        reverse("residents:resident_edit", kwargs={"pk": stay.resident.pk}),
        {
            "first_name": "Alex",
            "last_name": "Rivera",
            "justice_involvement": "",
            **NO_NEW_CONTACTS,
            "contacts-0-name": "Maria Rivera",
            "contacts-0-relationship": "Mother",
            "contacts-0-phone": "555-0100",
        },
    )
    html = client.get(reverse("residents:resident_detail", kwargs={"pk": stay.resident.pk})).content.decode()
    assert "Maria Rivera" in html and "555-0100" in html


def test_a_filter_changed_with_htmx_answers_only_the_matching_rows_and_is_audited(client, harbor):
    maple, oak = make_home(harbor, name="Maple House"), make_home(harbor, name="Oak House")
    admit(maple, first_name="Maya")
    admit(oak, first_name="Omar")
    client.force_login(make_member(harbor, Role.STAFF))
    response = client.get(reverse("residents:resident_list"), {"house": oak.pk}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert '<div id="resident-rows"' in html
    assert "Omar" in html and "Maya" not in html
    assert "<html" not in html and "<h1>" not in html, "only the rows, not the page around them"
    assert "HX-Request" in response["Vary"]
    with tenant_scope(harbor):
        assert AuditEvent.objects.filter(detail="resident list").exists()


def test_the_residents_list_filters_with_htmx_and_still_without_javascript(client, harbor):
    client.force_login(make_member(harbor, Role.STAFF))
    html = client.get(reverse("residents:resident_list")).content.decode()
    assert f'hx-get="{reverse("residents:resident_list")}"' in html
    assert 'hx-target="#resident-rows"' in html and '<div id="resident-rows"' in html
    assert '<button type="submit">Filter</button>' in html, "without JavaScript the Filter button sends the form"
    # A history restore (the back button after htmx pushed the address) needs the whole page.
    restored = client.get(
        reverse("residents:resident_list"), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<h1>Residents</h1>" in restored.content.decode()

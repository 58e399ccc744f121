"""Applications: moving them along, notes, priority, the house's say, and the waitlist page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recovery.audit.models import AuditEvent
from recovery.errors import DomainError
from recovery.models import Role
from recovery.tenancy import tenant_scope
from residences.applications.services import add_note, mark_house_consulted, move_application, set_priority
from residences.models import Application, ApplicationNote, ApplicationStatus
from residences.stays.services import add_room_with_beds, admit_applicant, create_residence
from tests.clock import house_today
from tests.recovery.builders import UserFactory, make_member, sign_in_with_totp
from tests.residences.builders import make_home, manager_of

pytestmark = pytest.mark.django_db
Status = ApplicationStatus


def applicant(org, last_name="Rivera", **fields):
    with tenant_scope(org):
        return Application.objects.create(first_name="Sam", last_name=last_name, email="sam@example.org", **fields)


def move(org, application, to_status, reason="", by=None):
    with tenant_scope(org):
        return move_application(application=application, to_status=to_status, by=by, reason=reason)


# --- The pipeline -------------------------------------------------------------------------------------------


def test_application_moves_through_screening_and_interview_to_the_waitlist_when_each_step_is_allowed(harbor):
    application = applicant(harbor)
    for step in (Status.SCREENING, Status.INTERVIEW, Status.WAITLISTED):
        application = move(harbor, application, step)
    assert application.status == Status.WAITLISTED


def test_declining_is_refused_with_a_clear_message_when_no_reason_is_given(harbor):
    application = applicant(harbor)
    with pytest.raises(DomainError, match="Say why the application is declined"):
        move(harbor, application, Status.DECLINED, reason="   ")
    application.refresh_from_db()
    assert application.status == Status.NEW


def test_declining_keeps_the_reason_on_the_application_and_as_a_note_when_a_reason_is_given(harbor):
    application = move(harbor, applicant(harbor), Status.DECLINED, reason="Needs detox first")
    assert application.decline_reason == "Needs detox first"
    with tenant_scope(harbor):
        assert ApplicationNote.objects.get(application=application).text == "Declined: Needs detox first"


def test_accepting_is_refused_when_asked_as_a_move_because_accepting_means_admitting(harbor):
    application = applicant(harbor)
    with pytest.raises(DomainError, match="admitting the applicant to a bed"):
        move(harbor, application, Status.ACCEPTED)


def test_a_declined_application_moves_only_back_to_new_and_loses_its_reason_when_reopened(harbor):
    application = move(harbor, applicant(harbor), Status.DECLINED, reason="No bed for a parent and child")
    with pytest.raises(DomainError, match="cannot move to “Interview”"):
        move(harbor, application, Status.INTERVIEW)
    application = move(harbor, application, Status.NEW)
    assert application.status == Status.NEW and application.decline_reason == ""


def test_an_admitted_application_cannot_move_when_the_applicant_is_a_resident(harbor):
    residence = make_home(harbor, beds=())
    with tenant_scope(harbor):
        bed = add_room_with_beds(residence=residence, name="Room 1", bed_labels=["A"]).beds.get()
        application = applicant(harbor)
        admit_applicant(application=application, bed=bed, move_in=house_today())
    with pytest.raises(DomainError, match="has been admitted"):
        move(harbor, application, Status.WITHDRAWN)


def test_moving_to_the_step_it_is_at_is_refused_with_a_message(harbor):
    with pytest.raises(DomainError, match="already at “New”"):
        move(harbor, applicant(harbor), Status.NEW)


def test_a_blank_note_is_refused_and_a_written_one_is_kept_with_its_author(harbor):
    author = make_member(harbor, Role.STAFF)
    application = applicant(harbor)
    with tenant_scope(harbor):
        with pytest.raises(DomainError, match="Write something"):
            add_note(application=application, by=author, text="  ")
        note = add_note(application=application, by=author, text="Left a voicemail.")
    assert note.author == author and note.text == "Left a voicemail."


def test_priority_outside_one_to_five_is_refused(harbor):
    application = applicant(harbor)
    with tenant_scope(harbor):
        with pytest.raises(DomainError, match="from 1"):
            set_priority(application=application, priority=6)
        assert set_priority(application=application, priority=1).priority == 1


def test_marking_the_house_consulted_is_recorded(harbor):
    with tenant_scope(harbor):
        application = mark_house_consulted(application=applicant(harbor))
    application.refresh_from_db()
    assert application.house_consulted is True


# --- The waitlist page ---------------------------------------------------------------------------------------


def test_waitlist_lists_open_applications_by_priority_then_date_with_note_counts(client, harbor):
    later_urgent = applicant(harbor, "Second", priority=1)
    earlier_calm = applicant(harbor, "Third", priority=3)
    urgent_first = applicant(harbor, "First", priority=1)  # created last, but waiting longest:
    with tenant_scope(harbor):
        Application.objects.filter(pk=urgent_first.pk).update(
            submitted_at=later_urgent.submitted_at - timedelta(days=3)
        )
        add_note(application=earlier_calm, by=None, text="One")
        add_note(application=earlier_calm, by=None, text="Two")
    move(harbor, applicant(harbor, "Closed"), Status.WITHDRAWN)
    client.force_login(make_member(harbor, Role.ADMIN))

    response = client.get(reverse("residences:waitlist"))
    assert response.status_code == 200
    rows = list(response.context["page"])
    assert [row.last_name for row in rows] == ["First", "Second", "Third"]
    assert rows[2].note_count == 2
    assert "Closed" not in response.content.decode()
    closed = client.get(reverse("residences:waitlist"), {"status": Status.WITHDRAWN})
    assert [row.last_name for row in closed.context["page"]] == ["Closed"]


def test_waitlist_pages_by_25(client, harbor):
    with tenant_scope(harbor):
        Application.objects.bulk_create(
            [Application(first_name="P", last_name=f"Person{n}", email="p@example.org") for n in range(26)]
        )
    client.force_login(make_member(harbor, Role.STAFF))
    assert len(client.get(reverse("residences:waitlist")).context["page"]) == 25
    assert len(client.get(reverse("residences:waitlist"), {"page": 2}).context["page"]) == 1


def test_waitlist_query_count_does_not_grow_with_applications(client, harbor):
    client.force_login(make_member(harbor, Role.ADMIN))
    client.get(reverse("residences:waitlist"))  # the first request also writes the session

    def queries_with(count):
        for n in range(count):
            add_note_to = applicant(harbor, f"Q{count}-{n}")
            with tenant_scope(harbor):
                add_note(application=add_note_to, by=None, text="note")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("residences:waitlist")).status_code == 200
        return len(captured)

    assert queries_with(2) == queries_with(10)


def test_a_house_manager_sees_applications_for_their_homes_and_for_no_home_only(client, harbor):
    theirs, other = make_home(harbor, name="Maple House", beds=()), make_home(harbor, name="Oak House", beds=())
    applicant(harbor, "ForMaple", residence=theirs)
    applicant(harbor, "ForAnyHome")
    for_oak = applicant(harbor, "ForOak", residence=other)
    client.force_login(manager_of(theirs))

    names = {row.last_name for row in client.get(reverse("residences:waitlist")).context["page"]}
    assert names == {"ForMaple", "ForAnyHome"}
    response = client.get(reverse("residences:application_detail", kwargs={"pk": for_oak.pk}))
    assert response.status_code == 403


@pytest.mark.parametrize("role", [Role.COACH, Role.RESIDENT])
def test_coaches_and_residents_do_not_see_the_waitlist(client, harbor, role):
    application = applicant(harbor)
    client.force_login(make_member(harbor, role))
    assert client.get(reverse("residences:waitlist")).status_code == 403
    assert client.get(reverse("residences:application_detail", kwargs={"pk": application.pk})).status_code == 403


def test_the_waitlist_shows_nothing_of_another_organization(client, harbor, cedar):
    applicant(harbor, "zz-harbor-only")
    client.force_login(make_member(cedar, Role.ADMIN))
    response = client.get(reverse("residences:waitlist"))
    assert response.status_code == 200
    assert "zz-harbor-only" not in response.content.decode()


# --- One application's page ----------------------------------------------------------------------------------


def test_opening_an_application_is_written_to_the_audit_log(client, harbor):
    application = applicant(harbor)
    user = make_member(harbor, Role.ADMIN)
    client.force_login(user)
    assert client.get(reverse("residences:application_detail", kwargs={"pk": application.pk})).status_code == 200
    with tenant_scope(harbor):
        assert AuditEvent.objects.filter(
            action=AuditEvent.Action.VIEW,
            object_type="residences.application",
            object_id=str(application.pk),
            actor=user,
        ).exists()


def test_declining_on_the_page_without_a_reason_shows_the_message_and_changes_nothing(client, harbor):
    application = applicant(harbor)
    client.force_login(make_member(harbor, Role.HOUSE_MANAGER))
    url = reverse("residences:application_move", kwargs={"pk": application.pk})
    response = client.post(url, {"to_status": Status.DECLINED, "reason": ""})
    assert response.status_code == 400
    assert "Say why the application is declined" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.NEW


def test_declining_on_the_page_with_a_reason_moves_it_and_returns_to_the_application(client, harbor):
    application = applicant(harbor)
    client.force_login(make_member(harbor, Role.STAFF))
    url = reverse("residences:application_move", kwargs={"pk": application.pk})
    response = client.post(url, {"to_status": Status.DECLINED, "reason": "Needs medical detox first"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.DECLINED
    page = client.get(response.url).content.decode()
    assert "Needs medical detox first" in page


def test_a_step_not_open_from_here_is_refused_on_the_page_with_a_message(client, harbor):
    application = applicant(harbor)
    client.force_login(make_member(harbor, Role.STAFF))
    response = client.post(
        reverse("residences:application_move", kwargs={"pk": application.pk}), {"to_status": Status.ACCEPTED}
    )
    assert response.status_code == 400
    assert "not open from where this application is now" in response.content.decode()


def test_an_overlong_note_gets_a_clear_message_and_keeps_the_text(client, harbor):
    application = applicant(harbor)
    client.force_login(make_member(harbor, Role.STAFF))
    text = "Long story. " * 400
    response = client.post(reverse("residences:application_note", kwargs={"pk": application.pk}), {"text": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert "A note can be up to 4000 characters" in html
    assert "Long story. Long story." in html
    with tenant_scope(harbor):
        assert not ApplicationNote.objects.exists()


def test_priority_and_house_consultation_are_saved_from_the_page(client, harbor):
    application = applicant(harbor)
    client.force_login(make_member(harbor, Role.STAFF))
    response = client.post(
        reverse("residences:application_triage", kwargs={"pk": application.pk}),
        {"priority": "1", "house_consulted": "on"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.priority == 1 and application.house_consulted


# --- Demo and admin ------------------------------------------------------------------------------------------


def test_the_demo_waitlist_has_every_step_with_notes_and_is_safe_to_seed_twice(harbor):
    from residences.applications import demo

    with tenant_scope(harbor):
        home = create_residence(name="Maple House", level=2)
        add_room_with_beds(residence=home, name="Room 1", bed_labels=["A", "B"])
    demo.seed(harbor)
    demo.seed(harbor)
    with tenant_scope(harbor):
        assert set(Application.objects.values_list("status", flat=True)) == set(Status.values)
        assert Application.objects.count() == len(Status.values)
        assert ApplicationNote.objects.count() == len(Status.values)
        accepted = Application.objects.get(status=Status.ACCEPTED)
        assert accepted.resident is not None and accepted.stay.bed_assignments.count() == 1
        assert Application.objects.get(status=Status.DECLINED).decline_reason


def test_applications_and_notes_open_in_the_admin_for_platform_staff(client, harbor):
    application = applicant(harbor, residence=make_home(harbor, beds=()))
    with tenant_scope(harbor):
        note = add_note(application=application, by=None, text="A note")
    staff = UserFactory(is_staff=True, is_superuser=True)
    sign_in_with_totp(client, staff)

    for name, pk in (("application", application.pk), ("applicationnote", note.pk)):
        changelist = client.get(reverse(f"admin:residences_{name}_changelist"))
        assert changelist.status_code == 200
        assert "Rivera" not in changelist.content.decode(), "the list names no applicant"
        assert client.get(reverse(f"admin:residences_{name}_change", args=[pk])).status_code == 200

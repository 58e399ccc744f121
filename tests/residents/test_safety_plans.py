"""Safety plans (the resident's, readable by staff, with tap-to-call links and the crisis lines) and self-care
plans (every member's own, with a review reminder sent once per review date)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from recovery.models import Role
from recovery.notifications.models import Notification
from recovery.tenancy import organization_today, tenant_scope
from residences.homes.selectors import home_of
from residents.medications import services as medications_services
from residents.models import SafetyPlan, SelfCarePlan
from residents.safety_plans import services as safety_plans_services
from residents.safety_plans.tasks import self_care_reminders
from tests.recovery.builders import make_coach, make_member
from tests.residences.builders import make_stay

pytestmark = pytest.mark.django_db

PLAN = {
    "warning_signs": "Skipping meetings",
    "coping_strategies": "Walk, call my sponsor",
    "people_and_places": "The Tuesday group",
    "people_to_call": "Sam (sponsor): (555) 010-0100\nMom",
    "professional_contacts": "Dr. Lee: 555-010-0200",
    "naloxone_location": "Kitchen, top drawer by the fridge",
    "safe_environment": "No alcohol in my room",
}


def test_phone_lines_become_tap_to_call_links():
    assert safety_plans_services.phone_lines("Sam (sponsor): (555) 010-0100\nMom\n\n") == [
        {"label": "Sam (sponsor): (555) 010-0100", "tel": "tel:5550100100"},
        {"label": "Mom", "tel": ""},
    ]


def test_a_resident_writes_their_plan_on_their_phone_and_sees_the_crisis_lines(client, harbor):
    user = make_member(harbor, Role.RESIDENT)
    stay = make_stay(harbor, user=user)
    client.force_login(user)
    url = reverse("residents:my_safety_plan")
    assert client.post(url, PLAN).status_code == 302
    page = client.get(url).content.decode()
    assert 'href="tel:5550100100"' in page and 'href="tel:988"' in page and 'href="tel:18006624357"' in page
    assert "Kitchen, top drawer" in page
    with tenant_scope(harbor):
        assert SafetyPlan.objects.get().resident == stay.resident


def test_staff_can_read_a_residents_plan_and_the_reading_is_audited(client, harbor):
    from recovery.audit.models import AuditEvent

    stay = make_stay(harbor)
    with tenant_scope(harbor):
        plan = safety_plans_services.save_safety_plan(resident=stay.resident, by=None, **PLAN)
    client.force_login(make_member(harbor, Role.STAFF))
    response = client.get(reverse("residents:safety_plan", kwargs={"resident_pk": stay.resident.pk}))
    assert response.status_code == 200 and "Skipping meetings" in response.content.decode()
    with tenant_scope(harbor):
        assert AuditEvent.objects.filter(action="view", object_id=str(plan.pk), detail="safety plan").exists()


def test_another_resident_cannot_read_the_plan(client, harbor):
    stay = make_stay(harbor)
    with tenant_scope(harbor):
        safety_plans_services.save_safety_plan(resident=stay.resident, by=None, **PLAN)
    other = make_member(harbor, Role.RESIDENT)
    client.force_login(other)
    url = reverse("residents:safety_plan", kwargs={"resident_pk": stay.resident.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, PLAN).status_code == 403


def test_a_coach_reads_their_mentees_plan_but_cannot_change_it(client, harbor):
    from peer_support.mentorships import services as mentorships_services

    stay = make_stay(harbor)
    coach_user, coach = make_coach(harbor)
    with tenant_scope(harbor):
        safety_plans_services.save_safety_plan(resident=stay.resident, by=None, **PLAN)
        mentorships_services.start_mentorship(mentee=stay.resident, coach=coach, on=organization_today(), by=None)
    client.force_login(coach_user)
    url = reverse("residents:safety_plan", kwargs={"resident_pk": stay.resident.pk})

    page = client.get(url).content.decode()
    changed = client.post(url, {**PLAN, "naloxone_location": "Changed by the coach"})

    assert PLAN["naloxone_location"] in page and "Change the plan" not in page
    assert changed.status_code == 403
    with tenant_scope(harbor):
        assert SafetyPlan.objects.get().naloxone_location == PLAN["naloxone_location"]


def test_saving_again_updates_the_one_plan(harbor):
    stay = make_stay(harbor)
    with tenant_scope(harbor):
        safety_plans_services.save_safety_plan(resident=stay.resident, by=None, **PLAN)
        safety_plans_services.save_safety_plan(resident=stay.resident, by=None, naloxone_location="Hall closet")
        assert SafetyPlan.objects.get().naloxone_location == "Hall closet"


@pytest.mark.parametrize("role", [Role.STAFF, Role.RESIDENT])
def test_any_member_keeps_a_self_care_plan(client, harbor, role):
    user = make_member(harbor, role)
    client.force_login(user)
    fields = {"daily": "Walk", "weekly": "Call home", "when_stressed": "Breathe", "supports": "Sam"}
    response = client.post(reverse("residents:self_care_plan"), {**fields, "review_every_days": 14})
    assert response.status_code == 302
    with tenant_scope(harbor):
        plan = SelfCarePlan.objects.get(user=user)
        assert plan.next_review_on == organization_today() + timedelta(days=14)


def test_the_self_care_reminder_goes_out_once_per_review_date(harbor):
    user = make_member(harbor, Role.STAFF)
    with tenant_scope(harbor):
        safety_plans_services.save_self_care_plan(user=user, today=date(2026, 1, 1), daily="Walk")
    assert self_care_reminders() == 1
    assert self_care_reminders() == 0
    with tenant_scope(harbor):
        assert Notification.objects.filter(recipient=user, kind="self_care_review").count() == 1


# --- Medication and MAT (kept here until the feature has its own module) ---------------------------------------


def _mat(org, *, mat_storage="on_site_locked"):
    stay = make_stay(org)
    with tenant_scope(org):
        home = home_of(stay=stay, on=None, latest=True)
        home.mat_storage = mat_storage
        home.save()
        return stay, home


def test_a_count_that_matches_the_log_reconciles_and_one_that_does_not_is_flagged(harbor):
    from residents.models import MatLogKind

    stay, _home = _mat(harbor)
    base = timezone.now() - timedelta(days=2)
    with tenant_scope(harbor):
        medication = medications_services.add_medication(
            resident=stay.resident,
            name="Buprenorphine/naloxone",
            prescriber="Dr. Lee",
            mat_kind="buprenorphine",
            dose="8 mg film daily",
            stored_on_site=True,
        )
        medications_services.record_mat_movement(
            medication=medication, kind=MatLogKind.RECEIVED, quantity=Decimal(14), by=None, at=base
        )
        for day in (1, 2):
            medications_services.record_mat_movement(
                medication=medication,
                kind=MatLogKind.SELF_ADMINISTERED,
                quantity=Decimal(1),
                by=None,
                at=base + timedelta(hours=day),
                observed_by_name="Pat (house manager)",
            )
        good = medications_services.record_mat_count(
            medication=medication, counted=Decimal(12), by=None, at=base + timedelta(hours=3)
        )
        medications_services.record_mat_movement(
            medication=medication,
            kind=MatLogKind.SELF_ADMINISTERED,
            quantity=Decimal(1),
            by=None,
            at=base + timedelta(hours=4),
            observed_by_name="Pat",
        )
        short = medications_services.record_mat_count(
            medication=medication, counted=Decimal(10), by=None, at=base + timedelta(hours=5)
        )
        assert (good.expected, good.reconciles) == (Decimal(12), True)
        assert (short.expected, short.reconciles) == (Decimal(11), False)
        assert list(medications_services.unreconciled_counts()) == [short]


def test_self_administration_needs_an_observer(harbor):
    from residents.models import MatLogKind

    stay, _home = _mat(harbor)
    with tenant_scope(harbor):
        medication = medications_services.add_medication(
            resident=stay.resident, name="Methadone", prescriber="OTP clinic", mat_kind="methadone", stored_on_site=True
        )
        with pytest.raises(medications_services.MedicationProblem):
            medications_services.record_mat_movement(
                medication=medication, kind=MatLogKind.SELF_ADMINISTERED, quantity=Decimal(1), by=None
            )


def test_a_home_that_stores_no_mat_on_site_refuses_on_site_storage(harbor):
    stay, _home = _mat(harbor, mat_storage="off_site_only")
    with tenant_scope(harbor), pytest.raises(medications_services.MedicationProblem):
        medications_services.add_medication(
            resident=stay.resident, name="Naltrexone", prescriber="Dr. Lee", mat_kind="naltrexone", stored_on_site=True
        )


def test_the_database_refuses_a_count_without_what_was_expected(harbor):
    from django.db import IntegrityError

    from residents.models import MatStorageLog

    stay, _home = _mat(harbor)
    with tenant_scope(harbor):
        medication = medications_services.add_medication(
            resident=stay.resident, name="X", prescriber="Y", stored_on_site=True
        )
        with pytest.raises(IntegrityError):
            MatStorageLog.objects.create(medication=medication, kind="count", counted=3, at=timezone.now())


def test_staff_log_a_count_on_the_page_and_see_a_mismatch_flagged(client, harbor):
    from residents.models import MatStorageLog

    stay, _home = _mat(harbor)
    client.force_login(make_member(harbor, Role.STAFF))
    url = reverse("residents:medications", kwargs={"resident_pk": stay.resident.pk})
    response = client.post(
        url,
        {
            "name": "Suboxone",
            "prescriber": "Dr. Lee",
            "mat_kind": "buprenorphine",
            "stored_on_site": "on",
            "dose": "8 mg",
        },
    )
    assert response.status_code == 302
    with tenant_scope(harbor):
        medication = stay.resident.medications.get()
    log_url = reverse("residents:mat_log", kwargs={"pk": medication.pk})
    client.post(log_url, {"movement": "1", "movement-kind": "received", "movement-quantity": "7"})
    response = client.post(log_url, {"count": "1", "count-counted": "6", "count-witness_name": "Pat"}, follow=True)
    assert "does not match the log (7.00)" in response.content.decode()
    with tenant_scope(harbor):
        assert [e.reconciles for e in MatStorageLog.objects.order_by("pk")] == [None, False]


def test_a_resident_sees_their_medications_but_not_the_storage_log(client, harbor):
    user = make_member(harbor, Role.RESIDENT)
    stay = make_stay(harbor, user=user)
    with tenant_scope(harbor):
        medication = medications_services.add_medication(
            resident=stay.resident, name="Naltrexone", prescriber="Dr. Lee"
        )
    client.force_login(user)
    assert client.get(reverse("residents:medications", kwargs={"resident_pk": stay.resident.pk})).status_code == 200
    assert client.get(reverse("residents:mat_log", kwargs={"pk": medication.pk})).status_code == 403


def test_the_empty_plan_pages_offer_their_forms(client, harbor):
    user = make_member(harbor, Role.RESIDENT)
    make_stay(harbor, user=user)
    client.force_login(user)
    for name in ("residents:my_safety_plan", "residents:self_care_plan"):
        response = client.get(reverse(name))
        assert response.status_code == 200 and "<form" in response.content.decode()


def test_a_member_without_a_resident_record_has_no_safety_plan_of_their_own(client, harbor):
    client.force_login(make_member(harbor, Role.STAFF))
    assert client.get(reverse("residents:my_safety_plan")).status_code == 403

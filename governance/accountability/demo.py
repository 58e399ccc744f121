"""Demo accountability for each organization: incidents in several states (one critical, with its red-flag review),
house-rule violations with a statement and an appeal, tests (a random draw; a MAT patient's buprenorphine positive
that is not a return to use), a grievance and a mediation. Runs after the homes and stays are seeded; safe to run
again: an organization that already has incidents is left as it is."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from governance.drug_tests import services as testing_services
from governance.grievances import services as grievance_services
from governance.incidents import services as incident_services
from governance.incidents.models import Incident
from governance.ladder import services as ladder_services
from recovery.models import Membership, Role
from recovery.registry import demo_seeder
from residences.homes.selectors import residents_living_in
from residences.models import Residence
from residents.medications import services as medications_services


@demo_seeder(order=41)
def seed(organization) -> None:
    if Incident.objects.exists():
        return
    tz = ZoneInfo(str(organization.time_zone))
    today = timezone.localdate(timezone=tz)
    homes = [home for home in Residence.objects.order_by("pk") if residents_living_in(home, on=today).exists()]
    if not homes:
        return
    home = homes[0]
    residents = list(residents_living_in(home, on=today).order_by("pk"))
    manager = Membership.objects.filter(role=Role.HOUSE_MANAGER).select_related("user").first()
    staff = manager.user if manager else None
    first, second = residents[0], residents[-1]

    def at(days_ago, hour=20):
        return datetime.combine(today - timedelta(days=days_ago), time(hour, 0), tzinfo=tz)

    # Incidents: a critical one with its review, one open with a follow-up, one resolved, one confidential.
    critical = incident_services.report_incident(
        residence=home,
        kind="medical",
        severity="critical",
        occurred_at=at(9, 23),
        location="Upstairs bathroom",
        description="A resident was found unresponsive. Housemates gave naloxone and called 911; they recovered "
        "at the hospital.",
        by=staff,
        involved=[second],
        witnesses=[first],
        naloxone_given=True,
        called_911=True,
        self_category="safety",
    )
    review = incident_services.call_review(incident=critical, by=staff)
    incident_services.save_review(
        review=review,
        what_happened="Late at night, behind a locked door; a housemate noticed the silence.",
        what_helped="Naloxone in the hall box; two people knew how to use it; 911 came in six minutes.",
        what_we_change="Naloxone in every bathroom; a training at the next house meeting; door-check at curfew.",
        complete=True,
    )
    resolution = "Back home with a safety plan; the house meeting talked it through."
    incident_services.resolve_incident(incident=critical, by=staff, resolution=resolution)
    conflict = incident_services.report_incident(
        residence=home,
        kind="conflict",
        severity="medium",
        occurred_at=at(2),
        location="Kitchen",
        description="Raised voices over dishes left overnight.",
        by=first.user,
        involved=[first, second],
        self_category="emotions",
    )
    if staff is not None:
        incident_services.add_action(
            incident=conflict, description="Sit down with both residents", owner=staff, due_on=today + timedelta(days=2)
        )
    incident_services.report_incident(
        residence=home,
        kind="curfew",
        severity="low",
        occurred_at=at(1, 23),
        description="Came in 40 minutes late.",
        by=staff,
        involved=[second],
    )
    incident_services.report_incident(
        residence=home,
        kind="visitor",
        severity="high",
        occurred_at=at(4, 22),
        location="Back porch",
        description="A visitor seemed to be selling something to a housemate.",
        by=first.user,
        confidential=True,
    )

    # Violations: one with a statement and an appeal waiting, one with nothing yet.
    late = ladder_services.record_violation(
        resident=second,
        residence=home,
        rule="Curfew is 11 pm",
        evidence="Came in at 11:40 pm; noted by the manager.",
        occurred_on=today - timedelta(days=1),
        by=staff,
    )
    ladder_services.add_statement(violation=late, statement="The bus broke down. I texted the house at 10:50.")
    ladder_services.appeal(violation=late, reason="I let the house know before curfew.")
    ladder_services.record_violation(
        resident=first,
        residence=home,
        rule="Chores done by Sunday night",
        evidence="Bathroom not cleaned.",
        occurred_on=today - timedelta(days=3),
        by=staff,
        source="chore",
    )

    # Tests: today's random draw, and a MAT patient's buprenorphine positive that is not a return to use.
    testing_services.draw_random_tests(residence=home, day=today, seed=f"demo-{organization.slug}-{today}")
    medications_services.add_medication(
        resident=first,
        name="Buprenorphine/naloxone 8 mg",
        prescriber="Dr. Alvarez",
        mat_kind="buprenorphine",
        started_on=today - timedelta(days=120),
    )
    mat_test = testing_services.schedule_test(
        resident=first, residence=home, due_on=today - timedelta(days=5), kind="urine"
    )
    testing_services.record_results(
        test=mat_test,
        results={"buprenorphine": "positive", "fentanyl": "negative", "alcohol": "negative"},
        by=staff,
        observed_by_name="House manager",
        collected_at=at(5, 8),
    )
    testing_services.schedule_test(resident=second, residence=home, due_on=today + timedelta(days=1), kind="breath")

    # A grievance (to the house) and a mediation with a follow-up date.
    grievance_services.file_grievance(
        resident=second,
        residence=home,
        subject="The washing machine rota",
        by=second.user,
        details="My laundry slot is always taken on Saturdays.",
        what_would_help="A posted rota.",
    )
    if first.pk != second.pk:
        grievance_services.record_mediation(
            residence=home,
            parties=[first, second],
            issue="Dishes and noise in the kitchen.",
            held_on=today,
            by=staff,
            facilitator=staff,
            facilitator_name="House manager",
            agreement="Dishes done before bed; music off at 10.",
            follow_up_on=today + timedelta(days=14),
        )

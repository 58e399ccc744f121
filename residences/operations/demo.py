"""Demo data for house rules, house operations and compliance, for the residences an organization already has.

Safe to run again: each part is added only where the home has none yet.
"""

from datetime import datetime, time, timedelta

from recovery.audit.recorder import acting_as, command_actor
from recovery.models import Membership, Role
from recovery.registry import demo_seeder
from recovery.tenancy import organization_today, tenant_scope
from residences.compliance import services as compliance
from residences.compliance.models import ComplianceStatus
from residences.homes.selectors import residents_living_in
from residences.house_rules import services as house_rules
from residences.models import (
    ComplianceItem,
    GoodNeighborContact,
    HouseCheck,
    HouseRuleVersion,
    MaintenanceRequest,
    NeighborComplaint,
    Residence,
    SafetyInspection,
)
from residences.operations import services as operations
from residences.operations.models import InspectionKind, MaintenanceStatus, Urgency, Whereabouts
from residences.operations.selectors import house_check_sheet

RULES_V1 = """1. This is a home free of alcohol and drugs. Medications are taken as prescribed; MAT is welcome.
2. Be home by curfew (11 pm Sunday to Thursday, midnight Friday and Saturday) or sign out on a pass.
3. Come to the weekly house meeting, and do your chore on the chore chart.
4. Treat everyone here with respect: no violence, threats or harassment.
5. Visitors are welcome in the shared rooms until 9 pm.
6. Pay your share of the rent on time, or talk to the house manager before it is due."""

RULES_V2 = (
    RULES_V1
    + """
7. Park only in the driveway or in front of the house, never across a neighbor's driveway.
8. Keep music and voices low on the porch after 10 pm: our neighbors are sleeping."""
)

MAINTENANCE = [
    ("Kitchen", "The kitchen faucet drips all night.", Urgency.ROUTINE, MaintenanceStatus.OPEN, ""),
    (
        "Upstairs hall",
        "The smoke detector chirps every minute: low battery.",
        Urgency.URGENT,
        MaintenanceStatus.DONE,
        "Replaced the battery and tested the detector.",
    ),
    ("Front porch", "The porch light is out.", Urgency.SOON, MaintenanceStatus.IN_PROGRESS, ""),
]


def _first_user(role):
    membership = Membership.objects.filter(role=role, is_active=True).select_related("user").order_by("pk").first()
    return membership.user if membership else None


def _at(organization, day, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=organization.time_zone)


def _seed_rules(residence, *, today, by):
    if HouseRuleVersion.objects.filter(residence=residence).exists():
        return
    organization = residence.organization
    living = list(residents_living_in(residence, on=today).order_by("last_name"))
    first = house_rules.publish_rule_version(
        residence=residence,
        text=RULES_V1,
        effective_on=today - timedelta(days=120),
        by=by,
        now=_at(organization, today - timedelta(days=120), time(10)),
    )
    for resident in living:
        house_rules.acknowledge_rules(
            rule_version=first,
            resident=resident,
            typed_name=f"{resident.first_name} {resident.last_name}",
            where="Demo",
            now=_at(organization, today - timedelta(days=119), time(20)),
        )
    second = house_rules.publish_rule_version(
        residence=residence,
        text=RULES_V2,
        effective_on=today - timedelta(days=3),
        by=by,
        summary="Parking and porch noise, after neighbors asked.",
        now=_at(organization, today - timedelta(days=3), time(9)),
    )
    for resident in living[: len(living) // 2]:
        house_rules.acknowledge_rules(
            rule_version=second,
            resident=resident,
            typed_name=f"{resident.first_name} {resident.last_name}",
            where="Demo",
        )


def _seed_house_checks(residence, *, today, by):
    if HouseCheck.objects.filter(residence=residence).exists():
        return
    organization = residence.organization
    for day, clock in ((today - timedelta(days=1), time(23, 15)), (today, time(7, 30))):
        sheet = house_check_sheet(residence, today=day)
        if not sheet:
            continue
        marks = {assignment.bed_id: (Whereabouts.PRESENT, "") for assignment in sheet}
        if clock.hour > 12:
            marks[sheet[-1].bed_id] = (Whereabouts.OUT_ON_PASS, "Weekend pass, back Sunday")
        operations.record_house_check(residence=residence, marks=marks, by=by, now=_at(organization, day, clock))


def _seed_maintenance(residence, *, today, by):
    if MaintenanceRequest.objects.filter(residence=residence).exists():
        return
    organization = residence.organization
    for days_ago, (location, description, urgency, status, resolution) in enumerate(MAINTENANCE, start=2):
        reported_at = _at(organization, today - timedelta(days=days_ago), time(18))
        request = operations.open_maintenance_request(
            residence=residence, location=location, description=description, urgency=urgency, by=by, now=reported_at
        )
        if status != MaintenanceStatus.OPEN:
            operations.update_maintenance_request(
                maintenance_request=request, status=status, resolution=resolution, now=reported_at + timedelta(hours=3)
            )


def _seed_inspections(residence, *, today, by):
    if SafetyInspection.objects.filter(residence=residence).exists():
        return
    for kind, days_ago, passed, notes in (
        (InspectionKind.SMOKE_DETECTORS, 20, True, ""),
        (InspectionKind.CO_DETECTORS, 20, True, ""),
        (InspectionKind.EXTINGUISHERS, 200, False, "Kitchen extinguisher gauge in the red; replaced the same week."),
        (InspectionKind.EVACUATION_DRILL, 75, True, "Everyone out in 2 minutes; met at the mailbox."),
    ):
        operations.record_inspection(
            residence=residence,
            kind=kind,
            done_on=today - timedelta(days=days_ago),
            passed=passed,
            notes=notes,
            by=by,
            today=today,
        )


def _seed_good_neighbor(residence, *, today, by, manager):
    if not GoodNeighborContact.objects.filter(residence=residence).exists():
        operations.set_good_neighbor_contact(
            residence=residence,
            name=str(manager) if manager else "House manager",
            role="House manager",
            phone="555-0100",
        )
    if not NeighborComplaint.objects.filter(residence=residence).exists():
        answered = operations.log_neighbor_complaint(
            residence=residence,
            received_on=today - timedelta(days=30),
            from_name="A neighbor across the street",
            summary="Cars parked across their driveway on Sunday evening.",
            by=by,
            today=today,
        )
        operations.respond_to_neighbor_complaint(
            complaint=answered,
            response="Apologized, reminded residents at the house meeting, added parking to the house rules.",
            responded_on=today - timedelta(days=28),
            by=by,
            today=today,
        )
        operations.log_neighbor_complaint(
            residence=residence,
            received_on=today - timedelta(days=2),
            summary="Loud voices on the back porch after 10 pm.",
            by=by,
            today=today,
        )


def _seed_compliance(residence, *, by):
    compliance.create_checklist_for(residence=residence)
    if ComplianceItem.objects.filter(residence=residence, status=ComplianceStatus.MET).exists():
        return
    items = list(ComplianceItem.objects.filter(residence=residence, min_level__lte=residence.level).order_by("code"))
    for index, item in enumerate(items):
        if index % 3 == 0:
            compliance.update_compliance_item(
                item=item,
                status=ComplianceStatus.MET,
                by=by,
                evidence_notes="Shown to the certifier at the last visit; copy in the office binder.",
            )
        elif index % 3 == 1:
            compliance.update_compliance_item(
                item=item,
                status=ComplianceStatus.IN_PROGRESS,
                by=by,
                evidence_notes="Drafted; to review at the next staff meeting.",
            )


@demo_seeder(order=13)
def seed(organization, spec=None) -> None:
    """Add the house rules, house checks, maintenance, safety checks, good-neighbor log and compliance checklist
    demo to every residence of `organization` that does not have them yet."""
    with tenant_scope(organization), acting_as(command_actor("seed_demo")):
        today = organization_today(organization)
        by = _first_user(Role.ADMIN)
        manager = _first_user(Role.HOUSE_MANAGER)
        for residence in Residence.objects.select_related("organization").order_by("pk"):
            _seed_rules(residence, today=today, by=by)
            _seed_house_checks(residence, today=today, by=manager or by)
            _seed_maintenance(residence, today=today, by=manager or by)
            _seed_inspections(residence, today=today, by=manager or by)
            _seed_good_neighbor(residence, today=today, by=manager or by, manager=manager)
            _seed_compliance(residence, by=by)

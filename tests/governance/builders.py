"""Builders for the governance app: house meetings, motions, elections and officer terms; incidents, violations,
drug tests and grievances (inside the organization's scope)."""

from datetime import date, time, timedelta

from django.utils import timezone

from governance.house_meetings.models import HouseMeeting, Motion, MotionElector
from governance.house_meetings.services import electorate_at_opening
from governance.officers.models import Election, Office, OfficerTerm
from recovery.tenancy import tenant_scope
from tests.clock import house_today
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import home_of_stay, make_home, resident_stay


def make_meeting(organization, residence=None, *, held_on=None, **fields) -> HouseMeeting:
    held_on = held_on or date(2026, 1, 1) + timedelta(days=unique())
    residence = residence or make_home(organization, name=f"{MARKER} home {unique()}", beds=("A",))
    with tenant_scope(organization):
        return HouseMeeting.objects.create(residence=residence, held_on=held_on, starts_at=time(19, 0), **fields)


def make_motion(organization, residence=None, *, meeting=None, secret=False, title=None) -> Motion:
    """A motion open for votes, its electorate fixed as `open_motion` fixes it (whoever lives there today)."""
    meeting = meeting or make_meeting(organization, residence)
    with tenant_scope(organization):
        electors, fixed = electorate_at_opening(meeting.residence)
        motion = Motion.objects.create(
            residence=meeting.residence,
            meeting=meeting,
            title=title or f"{MARKER} motion",
            secret=secret,
            opened_at=timezone.now(),
            **fixed,
        )
        MotionElector.objects.bulk_create(MotionElector(motion=motion, resident_id=pk) for pk in electors)
        return motion


def make_election(organization, residence=None, *, office=Office.SECRETARY) -> Election:
    residence = residence or make_home(organization, name=f"{MARKER} home {unique()}", beds=("A",))
    with tenant_scope(organization):
        return Election.objects.create(residence=residence, office=office, opened_at=timezone.now())


def make_term(
    organization, residence, resident, *, office=Office.HOUSE_LEAD, starts_on=date(2026, 11, 1), ends_on=None
) -> OfficerTerm:
    with tenant_scope(organization):
        return OfficerTerm.objects.create(
            residence=residence, office=office, resident=resident, starts_on=starts_on, ends_on=ends_on
        )


def make_incident(organization, *, severity="low", stay=None, by=None, text=MARKER, **kwargs):
    from governance.incidents import services as incident_services

    stay = stay or resident_stay(organization, last_name=text)
    with tenant_scope(organization):
        return incident_services.report_incident(
            residence=home_of_stay(stay),
            kind="conflict",
            severity=severity,
            occurred_at=timezone.now() - timedelta(hours=1),
            description=text,
            by=by or stay.resident.user,
            involved=[stay.resident],
            **kwargs,
        )


def make_violation(organization, *, stay=None, text=MARKER):
    from governance.ladder import services as ladder_services

    stay = stay or resident_stay(organization, last_name=text)
    with tenant_scope(organization):
        return ladder_services.record_violation(
            resident=stay.resident,
            residence=home_of_stay(stay),
            rule=text,
            evidence=text,
            occurred_on=house_today(),
            by=None,
        )


def make_drug_test(organization, *, stay=None):
    from governance.drug_tests import services as drug_test_services

    stay = stay or resident_stay(organization, last_name=MARKER)
    with tenant_scope(organization):
        return drug_test_services.schedule_test(
            resident=stay.resident, residence=home_of_stay(stay), due_on=house_today(), kind="urine"
        )


def make_grievance(organization, *, stay=None, about_house_manager=False, text=MARKER):
    from governance.grievances import services as grievance_services

    stay = stay or resident_stay(organization, last_name=text)
    with tenant_scope(organization):
        return grievance_services.file_grievance(
            resident=stay.resident,
            residence=home_of_stay(stay),
            subject=text,
            details=text,
            by=stay.resident.user,
            about_house_manager=about_house_manager,
        )

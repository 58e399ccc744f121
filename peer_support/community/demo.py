"""Demo give-and-receive, workshops, community partners, events, service hours and an announcement, for every
home of the organization. Runs after homes, stays and plans are seeded, inside the organization's scope; safe to
run again: an organization that already has partners is left alone."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from peer_support.announcements import services as announcement_services
from peer_support.community import services as community_services
from peer_support.community.models import EventKind, Partner, ServiceKind
from peer_support.give_and_receive.models import HelpExchange, HelpKind
from peer_support.workshops import services as workshop_services
from peer_support.workshops.models import WorkshopAttendance, WorkshopRsvp, WorkshopTopic
from recovery.models import Membership, Role
from recovery.registry import demo_seeder
from residences.models import BedAssignment, Residence
from residents.models import Goal

PARTNERS = [
    ("Eastside Recovery Community Center", [ServiceKind.MUTUAL_AID, ServiceKind.TREATMENT], "555-0140"),
    ("Second Chance Staffing", [ServiceKind.EMPLOYMENT], "555-0141"),
    ("Neighborhood Food Pantry", [ServiceKind.FOOD, ServiceKind.BENEFITS], "555-0142"),
    ("Legal Aid Clinic", [ServiceKind.LEGAL, ServiceKind.BENEFITS], "555-0143"),
]
WORKSHOPS = [
    (WorkshopTopic.FINANCIAL_MANAGEMENT, "Budgeting on a first paycheck"),
    (WorkshopTopic.JOB_READINESS, "Interviews and talking about the gap in your résumé"),
    (WorkshopTopic.RELAPSE_PREVENTION, "Knowing my warning signs"),
    (WorkshopTopic.CONFLICT_RESOLUTION, "Kitchen-table conflict: talking it through"),
]


@demo_seeder(order=30)
def seed(organization) -> None:
    if Partner.objects.exists():
        return
    zone = ZoneInfo(str(organization.time_zone))
    now = timezone.now()
    today = timezone.localdate(now, timezone=zone)
    staff = Membership.objects.filter(is_active=True, role__in=[Role.ADMIN, Role.STAFF]).select_related("user")
    staff_user = staff.order_by("role", "pk").first().user if staff.exists() else None
    living = (
        BedAssignment.objects.filter(stay__move_out__isnull=True, starts_on__lte=today, ends_on__isnull=True)
        .select_related("stay__resident", "bed__room__residence")
        .order_by("bed__room__residence__name", "pk")
    )
    by_home: dict[Residence, list] = {}
    for assignment in living:
        by_home.setdefault(assignment.bed.room.residence, []).append(assignment.stay.resident)

    partners = [
        community_services.add_partner(
            name=name,
            services=list(kinds),
            phone=phone,
            contacts="Front desk",
            address="100 Main Street",
            notes="Ask for the peer navigator.",
        )
        for name, kinds, phone in PARTNERS
    ]
    for index, goal in enumerate(Goal.objects.order_by("pk")[:6]):
        community_services.link_partner(goal=goal, partner=partners[1 + index % 2], by=staff_user)

    workshops = [workshop_services.add_workshop(topic=topic, title=title) for topic, title in WORKSHOPS]
    for home_index, (home, residents) in enumerate(by_home.items()):
        peer = residents[0] if residents else None
        for offset, workshop in ((-7, workshops[0]), (-2, workshops[2]), (3, workshops[1]), (9, workshops[3])):
            starts = datetime.combine(today + timedelta(days=offset + home_index), time(18, 30), tzinfo=zone)
            session = workshop_services.schedule_session(
                workshop=workshop,
                residence=home if offset != 9 else None,
                starts_at=starts,
                place="Living room",
                facilitator_user=staff_user if offset % 2 else None,
                facilitator_resident=None if offset % 2 else peer,
                materials="https://www.consumer.gov/content/making-budget\nBring a pen and last month's receipts.",
            )
            for n, resident in enumerate(residents):
                if starts < now:
                    WorkshopAttendance.objects.create(
                        session=session, resident=resident, present=n % 3 != 2, taken_by=staff_user
                    )
                else:
                    WorkshopRsvp.objects.create(session=session, resident=resident, going=n % 3 != 1)
            if starts < now:
                notes = "Good turnout. Everyone left with a first draft."
                workshop_services.save_session_notes(session=session, materials=session.materials, notes=notes)

        for n, resident in enumerate(residents):
            other = residents[(n + 1) % len(residents)]
            if other.pk != resident.pk:
                HelpExchange.objects.create(
                    giver=resident,
                    receiver=other,
                    kind=list(HelpKind.values)[n % 4],
                    on=today - timedelta(days=n + 1),
                    note="To the clinic" if n % 4 == 0 else "",
                    logged_by=resident.user,
                    confirmed_at=now if n % 2 == 0 else None,
                )
            if n % 2 == 0:
                entry = community_services.log_service_hours(
                    resident=resident, on=today - timedelta(days=4 + n), hours=Decimal("3.0"), where="Food pantry"
                )
                if n % 4 == 0:
                    community_services.verify_service_hours(entry=entry, by=staff_user)

        if home_index == 0:
            announcement_services.post_announcement(
                residence=home,
                title="House dinner on Sunday",
                by=staff_user,
                body="Everyone is welcome at 6 pm. Bring a dish if you can; the house covers the rest.",
            )

    for days, kind, title, place in (
        (5, EventKind.RECOVERY_EVENT, "Recovery Month walk", "Riverside Park"),
        (12, EventKind.VOLUNTEERING, "Food pantry Saturday", "Neighborhood Food Pantry"),
    ):
        event = community_services.add_event(
            by=staff_user,
            kind=kind,
            title=title,
            place=place,
            partner=partners[2] if days == 12 else None,
            starts_at=datetime.combine(today + timedelta(days=days), time(10, 0), tzinfo=zone),
            description="Meet at the front door at 9:30 to go together.",
        )
        for residents in by_home.values():
            for resident in residents[:2]:
                community_services.rsvp_event(event=event, resident=resident, going=True)

"""Demo homes: different levels, rooms and beds, managers assigned, stays with history (idempotent)."""

from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from recovery.models import Membership, Role
from recovery.registry import demo_seeder
from residences.models import Application, Bed, Level, Population, RentPeriod, Residence, Stay
from residences.stays import services
from residents.profiles.models import Resident

HOMES = {
    "harbor-light": [
        {
            "name": "Harbor House",
            "level": Level.SUPERVISED,
            "population": Population.MEN,
            "city": "Portland",
            "state": "ME",
            "rent_amount": Decimal("185.00"),
            "rooms": {"Room 1": "AB", "Room 2": "AB", "Room 3": "ABC"},
        },
        {
            "name": "Lighthouse Cottage",
            "level": Level.PEER_RUN,
            "population": Population.WOMEN,
            "city": "Portland",
            "state": "ME",
            "rent_amount": Decimal("160.00"),
            "rooms": {"Front room": "AB", "Back room": "AB"},
        },
    ],
    "cedar-path": [
        {
            "name": "Cedar Ridge",
            "level": Level.CLINICALLY_MANAGED,
            "population": Population.ALL_GENDERS,
            "city": "Boulder",
            "state": "CO",
            "rent_amount": Decimal("720.00"),
            "rent_period": RentPeriod.MONTHLY,
            "rooms": {"North": "AB", "South": "AB", "East": "A"},
        },
        {
            "name": "Aspen Place",
            "level": Level.SUPERVISED,
            "population": Population.PARENTS_WITH_CHILDREN,
            "city": "Longmont",
            "state": "CO",
            "rent_amount": Decimal("150.00"),
            "rooms": {"Family suite": "AB"},
        },
    ],
}


def _home(spec) -> Residence:
    spec = dict(spec)
    rooms = spec.pop("rooms")
    residence = Residence.objects.filter(name=spec["name"]).first()
    if residence is None:
        residence = services.create_residence(publish_availability=True, **spec)
        for room_name, labels in rooms.items():
            services.add_room_with_beds(residence=residence, name=room_name, bed_labels=list(labels))
    return residence


@demo_seeder(order=10)
def seed(organization):
    """Homes for a demo organization, with its residents living in them (call inside its tenant scope)."""
    today = timezone.localdate(timezone=organization.time_zone)
    homes = [_home(spec) for spec in HOMES.get(organization.slug, [])]
    if not homes:
        return
    manager = Membership.objects.filter(role=Role.HOUSE_MANAGER).first()
    if manager is not None:
        services.assign_house_manager(membership=manager, residence=homes[0])
    # The first home's check-in window is open all day, so a newcomer trying the demo at any hour can check in
    # (the demo resident lives there); the other homes keep the usual hours, to show the window at work.
    Residence.objects.filter(pk=homes[0].pk).update(check_in_opens_at=time(0, 0), check_in_closes_at=time(23, 59))

    resident_members = Membership.objects.filter(role=Role.RESIDENT).select_related("user").order_by("user__email")
    beds = list(Bed.objects.filter(room__residence__in=homes).order_by("room__residence__name", "room__name", "label"))
    for index, membership in enumerate(resident_members):
        if Resident.objects.filter(user=membership.user).exists() or index >= len(beds):
            continue
        user = membership.user
        application = Application.objects.create(
            first_name=user.first_name, last_name=user.last_name, email=user.email, residence=homes[0], priority=2
        )
        move_in = today - timedelta(days=20 + 25 * index)
        stay = services.admit_applicant(
            application=application, bed=beds[index], move_in=move_in, expected_move_out=move_in + timedelta(days=180)
        )
        Resident.objects.filter(pk=stay.resident_id).update(user=user)
        if index == 1 and len(beds) > len(resident_members) + 1:
            # One resident moved rooms, so the history shows a transfer.
            services.transfer(stay=stay, bed=beds[-1], on=move_in + timedelta(days=10))

    # A past stay that ended well, so discharge history is not empty.
    if not Stay.objects.filter(move_out__isnull=False).exists():
        first_name, last_name = ("Sam", "Whitaker") if organization.slug == "harbor-light" else ("Leah", "Moreno")
        free_bed = Bed.objects.filter(room__residence=homes[-1], assignments__isnull=True).first()
        if free_bed is not None:
            alumni = Application.objects.create(
                first_name=first_name,
                last_name=last_name,
                email=f"alumni@{organization.slug}.example",
                residence=homes[-1],
            )
            past = services.admit_applicant(application=alumni, bed=free_bed, move_in=today - timedelta(days=240))
            services.move_out(
                stay=past, on=today - timedelta(days=60), reason="independent_living", destination="Own apartment"
            )

"""Builders for the residences app: homes, rooms and beds, stays and the people who run a home (inside the
organization's scope)."""

from datetime import date

from recovery.models import Membership, Role
from recovery.tenancy import tenant_scope
from residences.models import Application, Bed, Level
from residences.stays import services
from tests.recovery.builders import make_member


def make_home(organization, *, name="Maple House", level=Level.SUPERVISED, rooms=None, **fields):
    rooms = rooms or {"Room 1": ["A", "B"]}
    with tenant_scope(organization):
        residence = services.create_residence(name=name, level=level, **fields)
        for room_name, labels in rooms.items():
            services.add_room_with_beds(residence=residence, name=room_name, bed_labels=labels)
    return residence


def beds_of(residence) -> list[Bed]:
    with tenant_scope(residence.organization):
        return list(Bed.objects.filter(room__residence=residence).order_by("room__name", "label"))


def admit(residence, bed=None, *, move_in=date(2026, 11, 1), first_name="Alex", last_name="Rivera", **kwargs):
    with tenant_scope(residence.organization):
        bed = bed or Bed.objects.filter(room__residence=residence).order_by("room__name", "label").first()
        application = Application.objects.create(
            first_name=first_name, last_name=last_name, email=f"{first_name.lower()}@example.org"
        )
        return services.admit_applicant(application=application, bed=bed, move_in=move_in, **kwargs)


def manager_of(residence, **user_fields):
    """A house manager assigned to `residence`."""
    user = make_member(residence.organization, Role.HOUSE_MANAGER, **user_fields)
    with tenant_scope(residence.organization):
        services.assign_house_manager(membership=Membership.objects.get(user=user), residence=residence)
    return user

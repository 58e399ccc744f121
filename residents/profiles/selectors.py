"""Page-shaped reads of residents."""

from datetime import date

from django.db.models import Q

from recovery.models import Role
from residents.models import Resident


def visible_residents(membership, *, today: date):
    """The residents this person may list: all for admins and staff; a house manager's homes' residents."""
    residents = Resident.objects.all()
    if membership.role in (Role.ADMIN, Role.STAFF):
        return residents
    if membership.role == Role.HOUSE_MANAGER:
        from residences.homes.rules import assigned_residence_ids

        current = Q(stays__bed_assignments__starts_on__lte=today) & (
            Q(stays__bed_assignments__ends_on__isnull=True) | Q(stays__bed_assignments__ends_on__gt=today)
        )
        homes = assigned_residence_ids(membership)
        return residents.filter(current, stays__bed_assignments__bed__room__residence__in=homes).distinct()
    return residents.none()


def my_resident_record(user):
    return Resident.objects.filter(user=user).first()

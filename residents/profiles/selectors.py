"""Page-shaped reads of residents."""

from datetime import date

from recovery.models import Role
from recovery.request_cache import remembered
from residences.homes.selectors import assigned_residence_ids, living_in
from residents.models import Resident


def visible_residents(membership, *, today: date):
    """The residents this person may list: all for admins and staff; a house manager's homes' residents."""
    residents = Resident.objects.all()
    if membership.role in (Role.ADMIN, Role.STAFF):
        return residents
    if membership.role == Role.HOUSE_MANAGER:
        # Everyone in a bed of their homes today (a move-out set for a later day still counts).
        living = living_in(assigned_residence_ids(membership), on=today)
        return residents.filter(pk__in=living.values("stay__resident_id"))
    return residents.none()


def my_resident_record(user):
    """The signed-in person's resident record in the organization in scope, or None: one query per request (Today's
    cards and the page ask it alike; `recovery.request_cache`)."""
    return remembered(("resident_record", user.pk), lambda: Resident.objects.filter(user=user).first())

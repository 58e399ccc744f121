"""Reads for announcements: the ones a person may see, newest first."""

from django.core.paginator import Paginator
from django.db.models import Q

from recovery.models import Role
from residences.models import Residence
from residences.rules import assigned_residence_ids
from residences.selectors.house_rules import home_residence_id

from .announcement_models import Announcement


def visible_announcements(membership):
    announcements = Announcement.objects.select_related("residence", "posted_by")
    if membership.role == Role.RESIDENT:
        return announcements.filter(Q(residence__isnull=True) | Q(residence_id=home_residence_id(membership)))
    if membership.role == Role.HOUSE_MANAGER:
        return announcements.filter(Q(residence__isnull=True) | Q(residence__in=assigned_residence_ids(membership)))
    if membership.role in (Role.ADMIN, Role.STAFF):
        return announcements
    return announcements.filter(residence__isnull=True)


def announcements_page(membership, *, page_number):
    return Paginator(visible_announcements(membership).order_by("-posted_at", "-pk"), 20).get_page(page_number)


def homes_to_post_in(membership):
    """The homes this person may post for (officers: added by governance through the permission)."""
    if membership.role in (Role.ADMIN, Role.STAFF):
        return Residence.objects.order_by("name")
    if membership.role == Role.HOUSE_MANAGER:
        return Residence.objects.filter(pk__in=assigned_residence_ids(membership)).order_by("name")
    return Residence.objects.none()
